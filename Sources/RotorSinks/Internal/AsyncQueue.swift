import RotorCore

/// The state of an ``AsyncSink``'s queue, guarded by its lock.
///
/// Producers append formatted lines to `bytes` and their end offsets to `ends`; the writer thread
/// takes everything at once by swapping `bytes` with an empty spare buffer, so producers keep
/// appending while it writes. `dropOldest` evicts from the front by moving `head` forward.
///
/// A record queued unformatted (``AsyncSinkConfiguration/formatsOnWriterThread``) takes no bytes:
/// its entry in `ends` is empty, and the record waits in `deferred`, tagged with its entry's index,
/// for the writer to format it in place. Its size in the byte bound is an estimate.
///
/// A captured record (``/RotorFormatters/CapturedLogRecord``) takes its capture's bytes in `bytes`
/// like a formatted line, and its entry's index in `captured`: the writer formats those bytes
/// instead of copying them.
struct AsyncQueue {
    /// A record the writer thread formats, at entry `index` of `ends`.
    struct Deferred {
        var index: Int
        var record: LogRecord
        var estimatedBytes: Int
    }

    /// The most bytes either buffer holds (half the queue's byte bound): the queue fills one
    /// while the writer writes the other, so together they stay within the bound, and both are
    /// reserved once at this size so that neither grows past it.
    let halfBound: Int
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var head = 0
    var spare: [UInt8] = []
    var spareEnds: [Int] = []
    var deferred: [Deferred] = []
    var deferredHead = 0
    /// The indices in `ends` of captured records, in order; `spareCaptured` is kept for reuse.
    var captured: [Int] = []
    var capturedHead = 0
    var spareCaptured: [Int] = []
    /// The estimated bytes of the live (not evicted) deferred records.
    var deferredBytes = 0
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

    var queuedRecords: Int { ends.count - head }
    var queuedBytes: Int { bytes.count - headOffset + deferredBytes }
    var headOffset: Int { head == 0 ? 0 : ends[head - 1] }

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

    mutating func append(_ record: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: record)
        ends.append(bytes.count)
        accepted += 1
    }

    /// Queues a record for the writer thread to format.
    mutating func appendDeferred(_ record: LogRecord, estimatedBytes: Int) {
        deferred.append(Deferred(index: ends.count, record: record, estimatedBytes: estimatedBytes))
        deferredBytes += estimatedBytes
        ends.append(bytes.count)
        accepted += 1
    }

    /// Queues the capture of a record, for the writer thread to format.
    mutating func appendCaptured(_ capture: UnsafeRawBufferPointer) {
        captured.append(ends.count)
        append(capture)
    }

    /// Evicts the oldest queued record; returns its size, or nil if nothing is queued.
    mutating func evictOldest() -> Int? {
        guard queuedRecords > 0 else { return nil }
        var size = ends[head] - headOffset
        if deferredHead < deferred.count && deferred[deferredHead].index == head {
            size = deferred[deferredHead].estimatedBytes
            deferredBytes -= size
            deferredHead += 1
        }
        if capturedHead < captured.count && captured[capturedHead] == head { capturedHead += 1 }
        head += 1
        settled += 1
        return size
    }

    /// Drops the evicted entries at the front once they are most of the buffer, so that a queue
    /// whose writer is stuck while `dropOldest` keeps evicting does not grow beyond its bounds.
    mutating func compactIfMostlyEvicted() {
        let deadBytes = headOffset
        guard head > 0, head >= ends.count / 2, deadBytes >= bytes.count / 2 else { return }
        bytes.removeSubrange(0..<deadBytes)
        ends.removeSubrange(0..<head)
        for index in ends.indices { ends[index] -= deadBytes }
        deferred.removeSubrange(0..<deferredHead)
        for index in deferred.indices { deferred[index].index -= head }
        deferredHead = 0
        captured.removeSubrange(0..<capturedHead)
        for index in captured.indices { captured[index] -= head }
        capturedHead = 0
        head = 0
    }

    /// Every queued record, taken for writing.
    struct Batch {
        var buffer: [UInt8]
        var ends: [Int]
        /// The byte offset of the first live entry.
        var start: Int
        var records: Int
        /// The live deferred records, in order.
        var deferred: ArraySlice<Deferred>
        /// The indices in `ends` of captured records, in order, from `capturedStart` (the ones
        /// before it were evicted).
        var captured: [Int]
        var capturedStart: Int
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
            buffer: bytes, ends: ends, start: headOffset, records: queuedRecords,
            deferred: deferred[deferredHead...], captured: captured, capturedStart: capturedHead)
        bytes = spare
        spare = []
        ends = spareEnds
        spareEnds = []
        deferred = []
        deferredHead = 0
        captured = spareCaptured
        spareCaptured = []
        capturedHead = 0
        overflowed = false
        inFlightRecords = taken.records
        inFlightBytes = takenBytes
        deferredBytes = 0
        head = 0
        return taken
    }

    /// Gives back a written batch's buffers for reuse and marks its records settled.
    mutating func finishWriting(
        _ buffer: inout [UInt8], ends usedEnds: inout [Int], captured usedCaptured: inout [Int], records: Int
    ) {
        if buffer.capacity > 2 * halfBound {
            // It held a record larger than the bound: let that storage go.
            buffer = []
            buffer.reserveCapacity(halfBound)
        } else {
            buffer.removeAll(keepingCapacity: true)
        }
        usedEnds.removeAll(keepingCapacity: true)
        usedCaptured.removeAll(keepingCapacity: true)
        swap(&spareCaptured, &usedCaptured)
        swap(&spare, &buffer)
        swap(&spareEnds, &usedEnds)
        settled += records
        inFlightRecords = 0
        inFlightBytes = 0
    }
}
