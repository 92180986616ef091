import RotorCore

/// The state of an ``AsyncSink``'s queue, guarded by its lock.
///
/// Every record is one entry: bytes appended to `bytes`, and an ``Entry`` in `entries` saying
/// where they end and what they are: a formatted line, or a capture
/// (``/RotorFormatters/CapturedLogRecord``) that the writer thread formats. The writer takes
/// everything at once by swapping `bytes` with an empty spare buffer, so producers keep appending
/// while it writes; a batch without captures goes to the wrapped sink as it is. `dropOldest`
/// evicts from the front by moving `head` forward.
struct AsyncQueue {
    /// One queued record: where its bytes end in `bytes`, and whether they are a capture.
    struct Entry {
        private let raw: Int

        /// A record whose bytes end at `end`.
        init(end: Int, isCapture: Bool) {
            raw = end << 1 | (isCapture ? 1 : 0)
        }

        /// The offset just past the record's bytes.
        var end: Int { raw >> 1 }
        /// Whether the bytes are a capture for the writer to format, not a formatted line.
        var isCapture: Bool { raw & 1 != 0 }
    }

    /// The most bytes either buffer holds (half the queue's byte bound): the queue fills one
    /// while the writer writes the other, so together they stay within the bound, and both are
    /// reserved once at this size so that neither grows past it.
    let halfBound: Int
    var bytes: [UInt8] = []
    var entries: [Entry] = []
    var head = 0
    var spare: [UInt8] = []
    var spareEntries: [Entry] = []
    /// The captures among the queued entries.
    var queuedCaptures = 0
    /// Records and bytes handed to the writer thread and not yet written.
    var inFlightRecords = 0
    var inFlightBytes = 0
    /// Records accepted so far, and records settled (written, or evicted) so far.
    var accepted = 0
    var settled = 0
    var closing = false
    /// Set when `close()` gave up waiting: what was queued and in flight is counted as dropped
    /// (``/RotorCore/SinkStatistics/DropCause/abandonedAtClose``) and settled, and the writer drops whatever
    /// it finds afterwards instead of writing it, and does not count its batch in flight.
    var abandoned = false
    /// Set by the writer once the queue is empty at close, just before it closes the wrapped sink.
    var drained = false
    var writerFinished = false
    /// Whether the writer thread is asleep (producers signal only then), and whether it sleeps
    /// on an empty queue (any record wakes it) or lingers for a batch to fill (only a full batch
    /// wakes it early).
    var writerWaiting = false
    var writerIdle = false
    /// Producers waiting for room (``AsyncSinkConfiguration/OverflowPolicy/block``).
    var blockedProducers = 0
    /// Set when a record found no room (dropped, or evicting); cleared when the writer takes
    /// the queue.
    var overflowed = false
    /// The highest `accepted` count a pending ``AsyncSink/flush()`` waits for: the writer stops
    /// lingering while records up to it are still queued.
    var flushTarget = 0

    var queuedRecords: Int { entries.count - head }
    var queuedBytes: Int { bytes.count - headOffset }
    var headOffset: Int { head == 0 ? 0 : entries[head - 1].end }

    /// Whether the queued records make a full batch, worth waking the writer for.
    func hasFullBatch(bytes batchBytes: Int, records batchRecords: Int) -> Bool {
        queuedBytes >= batchBytes || queuedRecords >= batchRecords
    }

    /// Whether a producer that just queued a record should wake the writer: it sleeps, and either
    /// waits for any record or the queue now holds a full batch (or overflowed).
    @inline(__always)
    func wakesWriter(batchBytes: Int, batchRecords: Int) -> Bool {
        writerWaiting && (writerIdle || overflowed || hasFullBatch(bytes: batchBytes, records: batchRecords))
    }

    /// Creates an empty queue whose two buffers hold at most `maximumBytes / 2` each.
    init(maximumBytes: Int) {
        halfBound = max(1, maximumBytes / 2)
        bytes.reserveCapacity(halfBound)
        spare.reserveCapacity(halfBound)
    }

    /// Whether one more record of `size` bytes fits: fewer than `capacity` records queued or in
    /// flight, and at most half the byte bound queued. A record larger than that is still taken
    /// when nothing is queued or in flight, so no record is refused for its size alone.
    func hasRoom(for size: Int, capacity: Int, maximumBytes: Int) -> Bool {
        let records = queuedRecords + inFlightRecords
        if records == 0 { return true }
        return records < capacity && queuedBytes + size <= halfBound
            && queuedBytes + inFlightBytes + size <= maximumBytes
    }

    /// Queues one record: a formatted line, or a capture for the writer thread to format.
    mutating func append(_ record: UnsafeRawBufferPointer, isCapture: Bool) {
        bytes.append(contentsOf: record)
        entries.append(Entry(end: bytes.count, isCapture: isCapture))
        if isCapture { queuedCaptures += 1 }
        accepted += 1
    }

    /// Evicts the oldest queued record; returns its size, or nil if nothing is queued.
    mutating func evictOldest() -> Int? {
        guard queuedRecords > 0 else { return nil }
        let entry = entries[head]
        let size = entry.end - headOffset
        if entry.isCapture { queuedCaptures -= 1 }
        head += 1
        settled += 1
        return size
    }

    /// Drops the evicted entries at the front once they are most of the buffer, so that a queue
    /// whose writer is stuck while `dropOldest` keeps evicting does not grow beyond its bounds.
    mutating func compactIfMostlyEvicted() {
        let deadBytes = headOffset
        guard head > 0, head >= entries.count / 2, deadBytes >= bytes.count / 2 else { return }
        bytes.removeSubrange(0..<deadBytes)
        entries.removeSubrange(0..<head)
        for index in entries.indices {
            entries[index] = Entry(end: entries[index].end - deadBytes, isCapture: entries[index].isCapture)
        }
        head = 0
    }

    /// Every queued record, taken for writing.
    struct Batch {
        var buffer: [UInt8]
        var entries: [Entry]
        /// The index of the first live entry (the ones before it were evicted).
        var head: Int
        /// The byte offset of the first live entry.
        var start: Int
        var records: Int
        /// The captures among the live entries.
        var captures: Int
    }

    /// Settles everything queued and in flight as abandoned at close, and returns how many records
    /// and bytes that was.
    mutating func abandon() -> (records: Int, bytes: Int) {
        let records = queuedRecords + inFlightRecords
        let bytes = queuedBytes + inFlightBytes
        _ = takeAll()
        inFlightRecords = 0
        inFlightBytes = 0
        settled += records
        abandoned = true
        return (records, bytes)
    }

    /// Takes every queued record for writing.
    mutating func takeAll() -> Batch {
        let takenBytes = queuedBytes
        let taken = Batch(
            buffer: bytes, entries: entries, head: head, start: headOffset, records: queuedRecords,
            captures: queuedCaptures)
        bytes = spare
        spare = []
        entries = spareEntries
        spareEntries = []
        queuedCaptures = 0
        overflowed = false
        inFlightRecords = taken.records
        inFlightBytes = takenBytes
        head = 0
        return taken
    }

    /// Gives back a written batch's buffers for reuse and marks its records settled.
    mutating func finishWriting(_ buffer: inout [UInt8], entries usedEntries: inout [Entry], records: Int) {
        if buffer.capacity > 2 * halfBound {
            // It held a record larger than the bound: let that storage go.
            buffer = []
            buffer.reserveCapacity(halfBound)
        } else {
            buffer.removeAll(keepingCapacity: true)
        }
        usedEntries.removeAll(keepingCapacity: true)
        swap(&spare, &buffer)
        swap(&spareEntries, &usedEntries)
        settled += records
        inFlightRecords = 0
        inFlightBytes = 0
    }
}
