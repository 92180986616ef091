/// The state of an ``AsyncSink``'s queue, guarded by its lock.
///
/// Producers append formatted lines to `bytes` and their end offsets to `ends`; the writer thread
/// takes everything at once by swapping `bytes` with an empty spare buffer, so producers keep
/// appending while it writes. `dropOldest` evicts from the front by moving `head` forward.
struct AsyncQueue {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var head = 0
    var spare: [UInt8] = []
    /// Records and bytes handed to the writer thread and not yet written.
    var inFlightRecords = 0
    var inFlightBytes = 0
    /// Records accepted so far, and records settled (written, or evicted) so far.
    var accepted = 0
    var settled = 0
    var closing = false
    /// Set when `close()` gave up waiting: the writer drops what is left instead of writing it.
    var abandoned = false
    var writerFinished = false
    /// Whether the writer thread is asleep (producers signal only then), and whether it sleeps
    /// on an empty queue (any record wakes it) or lingers for a batch to fill (only a full batch
    /// wakes it early).
    var writerWaiting = false
    var writerIdle = false
    /// The highest `accepted` count a pending ``AsyncSink/flush()`` waits for: the writer stops
    /// lingering while records up to it are still queued.
    var flushTarget = 0

    var queuedRecords: Int { ends.count - head }
    var queuedBytes: Int { bytes.count - headOffset }
    var headOffset: Int { head == 0 ? 0 : ends[head - 1] }

    /// Whether the queued records make a full batch, worth waking the writer for.
    func hasFullBatch(bytes batchBytes: Int, records batchRecords: Int) -> Bool {
        queuedBytes >= batchBytes || queuedRecords >= batchRecords
    }

    func hasRoom(for size: Int, capacity: Int, maximumBytes: Int) -> Bool {
        let records = queuedRecords + inFlightRecords
        if records == 0 { return true }
        return records < capacity && queuedBytes + inFlightBytes + size <= maximumBytes
    }

    mutating func append(_ record: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: record)
        ends.append(bytes.count)
        accepted += 1
    }

    /// Evicts the oldest queued record; returns its size, or nil if nothing is queued.
    mutating func evictOldest() -> Int? {
        guard queuedRecords > 0 else { return nil }
        let size = ends[head] - headOffset
        head += 1
        settled += 1
        return size
    }

    /// Takes every queued record for writing: (buffer, offset of the first live byte, record count).
    mutating func takeAll() -> (buffer: [UInt8], start: Int, records: Int) {
        let taken = (buffer: bytes, start: headOffset, records: queuedRecords)
        bytes = spare
        spare = []
        ends.removeAll(keepingCapacity: true)
        head = 0
        inFlightRecords = taken.records
        inFlightBytes = taken.buffer.count - taken.start
        return taken
    }

    /// Gives back a written batch's buffer for reuse and marks its records settled.
    mutating func finishWriting(_ buffer: inout [UInt8], records: Int) {
        buffer.removeAll(keepingCapacity: true)
        swap(&spare, &buffer)
        settled += records
        inFlightRecords = 0
        inFlightBytes = 0
    }
}
