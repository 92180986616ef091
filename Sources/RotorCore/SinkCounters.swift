import Synchronization

/// Thread-safe counters from which a sink builds its ``SinkStatistics``.
///
/// Sink implementations (Rotor's own and users') keep one instance and bump it from any thread.
/// The two counters touched per record (records and bytes written) are relaxed atomics; the rest
/// change rarely (drops, failures, rotations) and sit behind a lock.
public final class SinkCounters: Sendable {
    private let recordsWritten = Atomic<Int>(0)
    private let bytesWritten = Atomic<Int>(0)
    private let rare = Locked(SinkStatistics())

    /// Creates a set of counters, all zero.
    public init() {}

    /// Counts records and bytes that reached the destination.
    @inline(__always)
    public func recordWritten(records: Int = 1, bytes: Int) {
        // Wrapping adds: one `lock xadd` each. `add` checks for overflow, which compiles to a
        // compare-and-swap loop; a count of records or bytes never reaches `Int.max`.
        recordsWritten.wrappingAdd(records, ordering: .relaxed)
        bytesWritten.wrappingAdd(bytes, ordering: .relaxed)
    }

    /// Counts records and bytes dropped for `cause`.
    public func recordDropped(_ cause: SinkStatistics.DropCause, records: Int = 1, bytes: Int) {
        rare.withLock {
            $0.recordsDropped[cause, default: 0] += records
            $0.bytesDropped[cause, default: 0] += bytes
        }
    }

    /// Counts one failed operation of `kind`.
    public func recordFailure(_ kind: SinkStatistics.FailureKind) {
        rare.withLock { $0.failures[kind, default: 0] += 1 }
    }

    /// Records one rotation pause, updating the total and the maximum.
    public func recordRotationPause(nanoseconds: Int) {
        rare.withLock {
            $0.rotationPauseTotalNanoseconds += nanoseconds
            $0.rotationPauseMaxNanoseconds = max($0.rotationPauseMaxNanoseconds, nanoseconds)
        }
    }

    /// Records one rotation's background phase, updating the count, the total and the maximum.
    public func recordRotationBackgroundPhase(nanoseconds: Int) {
        rare.withLock {
            $0.rotationBackgroundPhases += 1
            $0.rotationBackgroundTotalNanoseconds += nanoseconds
            $0.rotationBackgroundMaxNanoseconds = max($0.rotationBackgroundMaxNanoseconds, nanoseconds)
        }
    }

    /// Records one file deleted by the disk-full emergency clean-up, with the bytes it freed.
    public func recordEmergencyDeletion(_ kind: SinkStatistics.EmergencyDeletionKind, bytes: Int) {
        rare.withLock {
            $0.emergencyDeletions += 1
            $0.emergencyDeletionsByKind[kind, default: 0] += 1
            $0.emergencyBytesFreed[kind, default: 0] += bytes
        }
    }

    /// Changes any of the rarely updated counters, for example
    /// `counters.update { $0.rotations += 1 }`. Changes to ``SinkStatistics/recordsWritten`` and
    /// ``SinkStatistics/bytesWritten`` made here are ignored: use ``recordWritten(records:bytes:)``.
    public func update(_ body: (inout SinkStatistics) -> Void) {
        rare.withLock { body(&$0) }
    }

    /// A snapshot of every counter.
    public func snapshot() -> SinkStatistics {
        var s = rare.withLock { $0 }
        s.recordsWritten = recordsWritten.load(ordering: .relaxed)
        s.bytesWritten = bytesWritten.load(ordering: .relaxed)
        return s
    }
}
