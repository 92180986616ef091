import Foundation
public import Logging
public import RotorCore
public import RotorFormatters

/// A sink that takes records off the caller's thread: producers format into a bounded queue and
/// one background thread writes the queue, in batches, to the sink it wraps.
///
/// ```swift
/// let file = try RotatingFileSink(path: "logs/app.log", formatter: JSONFormatter(),
///                                 strategy: try SizeRotation(maxBytes: 10 << 20))
/// let sink = try AsyncSink(wrapping: file, configuration: AsyncSinkConfiguration(overflow: .dropNewest))
/// ```
///
/// Records are formatted with the wrapped sink's own formatter
/// (``/RotorCore/FormattedLogSink/formatter``), so a line is the same whether its record went
/// through the queue or straight to the sink.
///
/// A record from the direct API is formatted on the producer's thread (so several producers format
/// in parallel) into a per-thread buffer and copied into the queue under a short lock. A
/// `LogRecord` (from swift-log) is, by default, formatted by the writer thread: with a
/// `JSONFormatter` or a `TextFormatter` its text and metadata are copied into the queue as a
/// *capture*, which the writer formats into the very bytes the record would give (see
/// ``AsyncSinkConfiguration/formatsOnWriterThread``); with other formatters it is formatted on the
/// producer's thread. Either way the queue holds bytes only. The writer thread swaps the whole
/// queue for an empty buffer and hands it to the wrapped sink as one batch: one `write(2)` for
/// many records. A rotating sink splits a batch exactly where the strategy rotates, so batching
/// never changes which file a record lands in.
///
/// ### Full queue
/// The queue is bounded in records (``AsyncSinkConfiguration/capacity``) and in bytes
/// (``AsyncSinkConfiguration/maximumQueuedBytes``), counting the batch being written. When it is
/// full, the ``AsyncSinkConfiguration/OverflowPolicy`` decides: wait, refuse the new record, or evict
/// the oldest. Every drop is counted, so `recordsWritten + totalRecordsDropped` equals the number
/// of records logged, exactly, once the sink is flushed or closed.
///
/// ### Durability
/// A record is in the kernel once ``flush()`` returns (and on disk if the wrapped sink syncs on
/// flush). ``close()`` drains the queue within ``AsyncSinkConfiguration/closeTimeout``, then closes
/// the wrapped sink; whatever could not be written by then is counted as dropped
/// (``/RotorCore/SinkStatistics/DropCause/abandonedAtClose``) before `close()` returns.
public final class AsyncSink: TypedLogSink, SwiftLogEventSink {
    /// The sink records are written to.
    public let wrapped: any FormattedLogSink
    /// The queue's settings.
    public let configuration: AsyncSinkConfiguration
    private let direct: DirectFormatting
    /// Whether records are captured for the writer thread to format
    /// (``AsyncSinkConfiguration/formatsOnWriterThread`` and a formatter that formats captures),
    /// and which optional parts of them.
    private let capturesRecords: Bool
    private let capturedParts: CapturedLogRecord.Parts
    /// ``AsyncSinkConfiguration/flushLevel``, read for every record.
    private let flushLevel: Logger.Level?
    private let queue: ConditionLocked<AsyncQueue>
    private let batching: Batching
    private let counters = SinkCounters()

    private static let work = 0
    private static let progress = 1

    /// Starts the writer thread.
    ///
    /// Records are formatted with `sink`'s ``/RotorCore/FormattedLogSink/formatter``: the queue
    /// writes the lines the sink would write itself.
    ///
    /// - Parameters:
    ///   - sink: Where records go; it is closed when this sink is.
    ///   - configuration: Queue bounds, overflow policy, flush level, close timeout.
    /// - Throws: ``SinkError`` `.invalidConfiguration` for a capacity or byte bound below 1.
    public init(
        wrapping sink: any FormattedLogSink,
        configuration: AsyncSinkConfiguration = AsyncSinkConfiguration()
    ) throws {
        let formatter = sink.formatter
        guard configuration.capacity >= 1 else {
            throw SinkError(
                .invalidConfiguration, "the queue capacity must be at least 1 record, got \(configuration.capacity)",
                field: "capacity")
        }
        guard configuration.maximumQueuedBytes >= 1 else {
            throw SinkError(
                .invalidConfiguration,
                "the queue bound must be at least 1 byte, got \(configuration.maximumQueuedBytes)",
                field: "maximumQueuedBytes")
        }
        guard configuration.batchDelay >= .zero else {
            throw SinkError(.invalidConfiguration, "the batch delay must not be negative", field: "batchDelay")
        }
        guard configuration.closeTimeout >= .zero else {
            throw SinkError(.invalidConfiguration, "the close timeout must not be negative", field: "closeTimeout")
        }
        self.wrapped = sink
        self.direct = DirectFormatting(formatter)
        let capturing = configuration.formatsOnWriterThread ? formatter as? any CapturedRecordFormatter : nil
        self.capturedParts = capturing?.capturedParts ?? []
        self.capturesRecords = capturing != nil
        self.flushLevel = configuration.flushLevel
        self.configuration = configuration
        self.queue = ConditionLocked(AsyncQueue(maximumBytes: configuration.maximumQueuedBytes), conditions: 2)
        self.batching = Batching(configuration)
        let thread = Thread { [queue, wrapped, counters, batching] in
            Self.runWriter(queue: queue, sink: wrapped, capturing: capturing, counters: counters, batching: batching)
        }
        thread.name = "rotor.async"
        thread.start()
    }

    /// Starts the writer thread; `formatter` is ignored.
    ///
    /// An `AsyncSink` used to take a formatter of its own, which could silently disagree with the
    /// wrapped sink's: the lines it queued then differed from the ones the sink wrote itself. It
    /// now always formats with `sink`'s ``/RotorCore/FormattedLogSink/formatter``; give that sink
    /// the formatter you want.
    ///
    /// - Parameters:
    ///   - sink: Where records go; it is closed when this sink is.
    ///   - formatter: Ignored.
    ///   - configuration: Queue bounds, overflow policy, flush level, close timeout.
    /// - Throws: ``SinkError`` `.invalidConfiguration` for a capacity or byte bound below 1.
    @available(
        *, deprecated,
        message: "AsyncSink formats with the wrapped sink's formatter; use init(wrapping:configuration:)"
    )
    public convenience init(
        wrapping sink: any FormattedLogSink,
        formatter: any LogFormatter,
        configuration: AsyncSinkConfiguration = AsyncSinkConfiguration()
    ) throws {
        try self.init(wrapping: sink, configuration: configuration)
    }

    deinit { close() }

    /// Queues `record`; see ``AsyncSinkConfiguration/OverflowPolicy`` for a full queue.
    ///
    /// With ``AsyncSinkConfiguration/formatsOnWriterThread`` (the default) and a `JSONFormatter`
    /// or `TextFormatter`, the record's text and metadata are copied into the queue here (so the
    /// writer never touches this thread's strings and dictionaries) and the writer thread formats
    /// them. Otherwise the record is formatted here.
    public func log(_ record: LogRecord) {
        ThreadLocalBuffer.withBuffer { buffer in
            // A record with a string over 4 GiB cannot be captured: it is formatted here instead.
            let isCapture = capturesRecords && CapturedLogRecord.append(record, including: capturedParts, to: &buffer)
            if !isCapture { direct.formatter.format(record, into: &buffer) }
            buffer.withUnsafeBytes { bytes in enqueue(size: bytes.count) { $0.append(bytes, isCapture: isCapture) } }
        }
        if let flushLevel, record.level >= flushLevel { flush() }
    }

    /// Queues the record a swift-log event makes, as ``log(_:)`` does a `LogRecord`: captured from
    /// the event for the writer thread, or formatted here.
    package func log(swiftLog record: SwiftLogEventRecord) {
        ThreadLocalBuffer.withBuffer { buffer in
            let isCapture = capturesRecords && CapturedLogRecord.append(record, including: capturedParts, to: &buffer)
            if !isCapture { direct.format(swiftLog: record, into: &buffer) }
            buffer.withUnsafeBytes { bytes in enqueue(size: bytes.count) { $0.append(bytes, isCapture: isCapture) } }
        }
        if let flushLevel, record.level >= flushLevel { flush() }
    }

    /// Formats a record given as typed fields straight into the queue (see ``DirectLogger``).
    public func log(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        fields: (inout RecordFields) -> Void
    ) {
        ThreadLocalBuffer.withBuffer { buffer in
            direct.format(
                level: level, label: label, message: message, timestamp: timestamp, into: &buffer, fields: fields)
            buffer.withUnsafeBytes { line in enqueue(size: line.count) { $0.append(line, isCapture: false) } }
        }
        if let flushLevel, level >= flushLevel { flush() }
    }

    /// Adds one record of `size` bytes with `append`, applying the overflow policy.
    @inline(__always)
    private func enqueue(size: Int, _ append: (inout AsyncQueue) -> Void) {
        let capacity = configuration.capacity
        let maximumBytes = configuration.maximumQueuedBytes
        let overflow = configuration.overflow
        let batching = self.batching
        let queue = self.queue
        // The usual case, room in an open queue, takes the lock once with no wait and no policy.
        let wokenFast = queue.withLock { queue -> Bool? in
            guard !queue.closing, queue.hasRoom(for: size, capacity: capacity, maximumBytes: maximumBytes) else {
                return nil
            }
            append(&queue)
            return queue.wakesWriter(batchBytes: batching.bytes, batchRecords: batching.records)
        }
        if let wokenFast {
            if wokenFast { queue.signal(Self.work) }
            return
        }
        let wakeWriter = queue.withLock(
            waitingOn: Self.progress,
            until: { queue in
                overflow != .block || queue.closing
                    || queue.hasRoom(for: size, capacity: capacity, maximumBytes: maximumBytes)
            },
            waiting: { state, asleep in
                // A blocked producer ends the writer's wait for a fuller batch: the queue is as
                // full as it gets.
                state.blockedProducers += asleep ? 1 : -1
                if asleep && state.writerWaiting { queue.signal(Self.work) }
            }
        ) { queue, _ -> Bool in
            if queue.closing {
                counters.recordDropped(.closed, bytes: size)
                return false
            }
            if !queue.hasRoom(for: size, capacity: capacity, maximumBytes: maximumBytes) {
                // The queue is as full as it gets: the writer should not wait for more.
                queue.overflowed = true
                if overflow == .dropNewest {
                    counters.recordDropped(.queueFullNewest, bytes: size)
                    return queue.writerWaiting
                }
                while !queue.hasRoom(for: size, capacity: capacity, maximumBytes: maximumBytes),
                    let evicted = queue.evictOldest()
                {
                    counters.recordDropped(.queueFullOldest, bytes: evicted)
                }
                queue.compactIfMostlyEvicted()
            }
            append(&queue)
            return queue.wakesWriter(batchBytes: batching.bytes, batchRecords: batching.records)
        }
        // The writer sets `writerWaiting` under the lock before it sleeps, so no wake-up is lost.
        if wakeWriter { queue.signal(Self.work) }
    }

    /// Returns once every record queued before the call has been written to the wrapped sink (or
    /// dropped by the overflow policy), then flushes the wrapped sink.
    public func flush() {
        let target = queue.withLock { queue in
            queue.flushTarget = max(queue.flushTarget, queue.accepted)
            return queue.accepted
        }
        queue.signal(Self.work)
        queue.withLock(waitingOn: Self.progress, until: { $0.settled >= target || $0.writerFinished }) { _, _ in }
        wrapped.flush()
    }

    /// Drains the queue (within ``AsyncSinkConfiguration/closeTimeout``), stops the writer thread
    /// and closes the wrapped sink. Records logged afterwards are counted as dropped. Calling it
    /// twice is harmless.
    ///
    /// When it returns, every record logged is settled: `recordsWritten + totalRecordsDropped`
    /// equals the records logged. If the queue did not drain in time (a writer stuck on a device
    /// nobody reads), what was still queued or being written is counted as
    /// ``/RotorCore/SinkStatistics/DropCause/abandonedAtClose`` and `close()` returns without waiting more.
    /// Once the queue has drained, the wrapped sink's own `close()` runs to its end whatever the
    /// timeout (a rotating sink finishes compressing and pruning its archives there), so that a
    /// short-lived process never leaves a growing backlog for the next one.
    public func close() {
        let first = queue.withLock { queue -> Bool in
            guard !queue.closing else { return false }
            queue.closing = true
            return true
        }
        guard first else { return }
        queue.broadcast(Self.work)
        queue.broadcast(Self.progress)
        let drained = queue.withLock(
            waitingOn: Self.progress, until: { $0.drained || $0.writerFinished }, timeout: configuration.closeTimeout
        ) { queue, drained -> Bool in
            guard !drained else { return true }
            let left = queue.abandon()
            if left.records > 0 { counters.recordDropped(.abandonedAtClose, records: left.records, bytes: left.bytes) }
            return false
        }
        queue.broadcast(Self.work)
        queue.broadcast(Self.progress)
        if drained {
            queue.withLock(waitingOn: Self.progress, until: { $0.writerFinished }) { _, _ in }
        }
    }

    /// Records written to the wrapped sink, and records dropped by the queue, by cause. The wrapped
    /// sink's own statistics say what reached its destination.
    public var statistics: SinkStatistics { counters.snapshot() }

    /// The formatter records are formatted with: the wrapped sink's.
    public var formatter: any LogFormatter { direct.formatter }

    /// Whether the formatter writes the source (the wrapped sink receives formatted bytes only).
    public var readsSource: Bool { direct.formatter.writesSource }

    // MARK: - The writer thread

    /// When the writer thread writes: a full batch, or whatever is queued after ``batchDelay``.
    struct Batching: Sendable {
        let bytes: Int
        let records: Int
        let delay: Duration

        init(_ configuration: AsyncSinkConfiguration) {
            // A quarter of the byte bound at most (the queue holds half), so that a batch fills
            // before producers block; a blocked producer wakes the writer anyway.
            bytes = max(1, min(64 << 10, configuration.maximumQueuedBytes / 4))
            records = max(1, configuration.capacity / 2)
            delay = configuration.batchDelay
        }
    }

    /// Writes a batch's records in queue order into `output`: formatted lines as they are, and
    /// each capture formatted where it was queued.
    private static func formatBatch(
        _ batch: AsyncQueue.Batch, capturing: any CapturedRecordFormatter, into output: inout LogBuffer
    ) {
        batch.buffer.withUnsafeBufferPointer { bytes in
            // A batch with a capture has bytes.
            guard let base = bytes.baseAddress else { return }
            // The start of the run of formatted lines not yet copied, and of the current entry.
            var run = batch.start
            var position = batch.start
            for entry in batch.entries[batch.head...] {
                if entry.isCapture {
                    if position > run { output.append(base + run, count: position - run) }
                    capturing.format(captured: CapturedLogRecord(base + position), into: &output)
                    run = entry.end
                }
                position = entry.end
            }
            if position > run { output.append(base + run, count: position - run) }
        }
    }

    private static func runWriter(
        queue: ConditionLocked<AsyncQueue>, sink: any FormattedLogSink, capturing: (any CapturedRecordFormatter)?,
        counters: SinkCounters, batching: Batching
    ) {
        var output = LogBuffer(minimumCapacity: 64 << 10)
        while true {
            // Sleep until a record arrives.
            queue.withLock(
                waitingOn: work, until: { $0.queuedRecords > 0 || $0.closing },
                waiting: { queue, asleep in
                    queue.writerWaiting = asleep
                    queue.writerIdle = asleep
                }
            ) { _, _ in }
            // Then linger for a full batch, a flush, close, or the batch delay.
            let batch = queue.withLock(
                waitingOn: work,
                until: { queue in
                    batching.delay == .zero || queue.closing || queue.flushTarget > queue.settled
                        || queue.blockedProducers > 0 || queue.overflowed
                        || queue.hasFullBatch(bytes: batching.bytes, records: batching.records)
                },
                timeout: batching.delay,
                waiting: { queue, asleep in queue.writerWaiting = asleep }
            ) { queue, _ -> AsyncQueue.Batch? in
                if queue.abandoned || (queue.closing && queue.queuedRecords == 0) {
                    let left = queue.queuedRecords
                    if left > 0 {
                        counters.recordDropped(.closed, records: left, bytes: queue.queuedBytes)
                        queue.settled += left
                    }
                    queue.drained = true
                    return nil
                }
                return queue.takeAll()
            }
            guard var batch else { break }
            var writtenBytes = 0
            if batch.captures > 0, let capturing {
                output.removeAll(keepingCapacity: output.capacity <= 4 << 20)
                formatBatch(batch, capturing: capturing, into: &output)
                output.withUnsafeBytes { sink.write(formatted: $0, recordCount: batch.records) }
                writtenBytes = output.count
            } else {
                batch.buffer.withUnsafeBytes { bytes in
                    let live = UnsafeRawBufferPointer(rebasing: bytes[batch.start...])
                    sink.write(formatted: live, recordCount: batch.records)
                    writtenBytes = live.count
                }
            }
            // Hand the buffers back uniquely referenced, so clearing them keeps their storage.
            var buffer = batch.buffer
            var entries = batch.entries
            batch.buffer = []
            batch.entries = []
            queue.withLock { queue in
                // A batch that `close()` gave up on was counted as abandoned already.
                guard !queue.abandoned else { return }
                counters.recordWritten(records: batch.records, bytes: writtenBytes)
                queue.finishWriting(&buffer, entries: &entries, records: batch.records)
            }
            queue.broadcast(progress)
        }
        sink.close()
        queue.withLock { $0.writerFinished = true }
        queue.broadcast(progress)
    }
}
