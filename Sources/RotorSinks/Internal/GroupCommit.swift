@_spi(RotorInternals) import RotorCore
import Synchronization

/// Group commit for write-through files: the records of callers that find the file busy are
/// gathered, and the next thread to hold the file writes all of them in one `write(2)`.
///
/// The durability promise of write-through is unchanged: a caller returns only once its record
/// has been written to the kernel (or counted as dropped) by itself or by another thread. What
/// changes under contention is the number of system calls: with N writers on one file, a record
/// waits for at most one write in progress, and the records gathered meanwhile go out together.
///
/// The protocol, used by ``FileChannel/write(_:records:)``:
/// - A caller that takes the channel's lock without waiting writes its own record, together with
///   any records gathered by then (``mayHaveGathered`` is a hint read without a lock: a record it
///   misses is written by its own caller, who is about to take the lock).
/// - A caller that finds the lock held adds its record to the group being gathered (``add(_:records:)``
///   gives it the group's number), then takes the lock. If its group was written meanwhile
///   (``FileChannel/State/groupsWritten``), it returns; otherwise it writes every gathered record.
///
/// No thread ever writes for others after its own record is out, so two writers still overlap
/// one's formatting with the other's `write(2)`; groups form when three or more threads contend.
final class GroupCommit: Sendable {
    /// The largest write that joins a group. Larger ones (an async sink's batches) wait for the
    /// lock and go out alone: grouping them would save no system call worth the copy, and
    /// copying a batch of megabytes would raise the process's peak memory by as much.
    static let largestGatheredWrite = 16 << 10

    private struct Gathering: ~Copyable {
        var bytes = LogBuffer(minimumCapacity: 0)
        var records = 0
        /// The callers whose records are gathered.
        var callers = 0
        /// The number of the group being gathered; groups are written in this order.
        var number = 1
    }

    /// A group taken for writing.
    struct Group {
        var number: Int
        var records: Int
        /// The callers whose records the group carried.
        var callers: Int
    }

    private let gathering = Locked(Gathering())
    /// `gathering.records`, readable without the lock.
    private let gatheredRecords = Atomic<Int>(0)
    /// The bytes of a group being written, copied out of the gathering so that callers can keep
    /// adding to the next group during the write. Only the holder of the channel's lock uses it.
    private let writeBuffer = Locked(LogBuffer(minimumCapacity: 0))

    /// Whether records may be waiting (a hint, read without a lock).
    var mayHaveGathered: Bool { gatheredRecords.load(ordering: .relaxed) > 0 }

    /// The records gathered now (for tests).
    var gatheredRecordCount: Int { gathering.withLock { $0.records } }

    /// Adds the record of a caller that found the file busy; returns the number of its group.
    func add(_ bytes: UnsafeRawBufferPointer, records: Int) -> Int {
        gathering.withLock { gathering in
            gathering.bytes.append(bytes)
            gathering.records += records
            gathering.callers += 1
            gatheredRecords.store(gathering.records, ordering: .relaxed)
            return gathering.number
        }
    }

    /// Takes every gathered record (followed by `own`, the caller's record, if given) and passes
    /// them to `write` as one group. Called with the channel's lock held; returns the group written,
    /// or `nil` if nothing was gathered (then `write` is not called, not even for `own`).
    func writeGathered(
        plus own: UnsafeRawBufferPointer? = nil, ownRecords: Int = 0,
        _ write: (UnsafeRawBufferPointer, Int) -> Void
    ) -> Group? {
        writeBuffer.withLock { buffer -> Group? in
            let group = gathering.withLock { gathering -> Group? in
                guard gathering.records > 0 else { return nil }
                buffer.removeAll(keepingCapacity: true)
                gathering.bytes.withUnsafeBytes { buffer.append($0) }
                gathering.bytes.removeAll(keepingCapacity: gathering.bytes.capacity <= 1 << 20)
                defer {
                    gathering.records = 0
                    gathering.callers = 0
                    gathering.number += 1
                    gatheredRecords.store(0, ordering: .relaxed)
                }
                return Group(number: gathering.number, records: gathering.records, callers: gathering.callers)
            }
            guard var group else { return nil }
            if let own {
                buffer.append(own)
                group.records += ownRecords
                group.callers += 1
            }
            buffer.withUnsafeBytes { write($0, group.records) }
            // Memory a burst made the buffer hold is given back.
            if buffer.capacity > 1 << 20 { buffer = LogBuffer(minimumCapacity: 0) }
            return group
        }
    }
}
