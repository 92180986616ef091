import RotorCore
import RotorRotation
import RotorSystem

/// The file that records go to now: its descriptor, its size as the channel accounts it, the
/// write buffer, and what a failed write held back.
///
/// The channel's write path (`FileChannel+Append`) decides what to write and when; this type keeps
/// the bookkeeping of one file consistent: bytes counted in ``status`` include the buffered ones,
/// and a record held back after a failure (``pendingTail``) is written before anything else.
struct ActiveFile: ~Copyable {
    var descriptor: Int32
    /// Device and inode of the open file; `nil` for a character device such as `/dev/null`,
    /// which is never rotated nor checked for external changes.
    var identity: FileIdentity?
    /// What a rotation strategy sees of the file (bytes, records, period), buffered bytes included.
    var status: ActiveFileState
    /// Records accepted but not yet written (buffered mode); counted in `status` already.
    var buffer: LogBuffer
    var bufferedRecords = 0
    /// The unwritten part of what a failed write cut short (whole records in a rotating file,
    /// the rest of a line in a plain file), written before anything else once the fault clears.
    var pendingTail: [UInt8] = []
    var pendingTailRecords = 0
    /// Set after `EFBIG`: the file cannot grow, so the next attempt rotates first and writes the
    /// whole cut record (kept in `pendingTail`) into the new file.
    var rotateBeforeNextWrite = false
    var writeBackoff = RetryBackoff()
    /// Set while records are dropped because they would pass the file-size limit.
    var isDroppingAtSizeLimit = false

    init(descriptor: Int32, identity: FileIdentity?, status: ActiveFileState, bufferCapacity: Int) {
        self.descriptor = descriptor
        self.identity = identity
        self.status = status
        self.buffer = LogBuffer(minimumCapacity: bufferCapacity > 0 ? bufferCapacity : 16)
    }

    /// Counts records that reached the file (or its buffer) at `now`.
    @inline(__always)
    mutating func recordAccepted(_ records: Int, at now: LogTimestamp) {
        status.records += records
        if status.firstRecordAt == nil { status.firstRecordAt = now }
    }

    /// Keeps `bytes` (whole lines) in the write buffer.
    @inline(__always)
    mutating func keepInBuffer(_ bytes: UnsafeRawBufferPointer, records: Int, at now: LogTimestamp) {
        buffer.append(bytes)
        bufferedRecords += records
        status.bytes += Int64(bytes.count)
        recordAccepted(records, at: now)
    }

    /// Empties the write buffer once its bytes are written.
    mutating func bufferWritten() {
        buffer.removeAll(keepingCapacity: true)
        bufferedRecords = 0
    }

    /// Holds back what a failed write did not write, to be written first once the fault clears.
    mutating func holdBack(_ bytes: some Collection<UInt8>, records: Int) {
        pendingTail = Array(bytes)
        pendingTailRecords = records
    }

    /// Forgets the held-back tail (written, or counted as dropped).
    mutating func clearPendingTail() {
        pendingTail = []
        pendingTailRecords = 0
    }

    /// The bytes counted in `status` that are on disk (the buffered ones are not yet).
    var bytesOnDisk: Int64 { status.bytes - Int64(buffer.count) }
}
