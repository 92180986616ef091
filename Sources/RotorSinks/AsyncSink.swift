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
/// let sink = try AsyncSink(wrapping: file, formatter: JSONFormatter(),
///                          configuration: AsyncSinkConfiguration(overflow: .dropNewest))
/// ```
///
/// Each record is formatted on the producer's thread (so several producers format in parallel)
/// into a per-thread buffer and copied into the queue under a short lock. The writer thread swaps
/// the whole queue for an empty buffer and hands it to the wrapped sink as one batch: one
/// `write(2)` for many records. A rotating sink splits a batch exactly where the strategy rotates,
/// so batching never changes which file a record lands in.
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
/// the wrapped sink; whatever could not be written by then is counted as dropped.
public final class AsyncSink: TypedLogSink {
    /// The sink records are written to.
    public let wrapped: any FormattedLogSink
    /// The queue's settings.
    public let configuration: AsyncSinkConfiguration
    private let formatter: any LogFormatter
    private let direct: DirectFormatting
    private let queue: ConditionLocked<AsyncQueue>
    private let batching: Batching
    private let counters = SinkCounters()

    private static let work = 0
    private static let progress = 1

    /// Starts the writer thread.
    ///
    /// - Parameters:
    ///   - sink: Where records go; it is closed when this sink is.
    ///   - formatter: How records become lines (on the producers' threads).
    ///   - configuration: Queue bounds, overflow policy, flush level, close timeout.
    /// - Throws: ``SinkError`` `.invalidConfiguration` for a capacity or byte bound below 1.
    public init(
        wrapping sink: any FormattedLogSink,
        formatter: any LogFormatter,
        configuration: AsyncSinkConfiguration = AsyncSinkConfiguration()
    ) throws {
        guard configuration.capacity >= 1 else {
            throw SinkError(.invalidConfiguration, "the queue capacity must be at least 1 record, got \(configuration.capacity)",
                            field: "capacity")
        }
        guard configuration.maximumQueuedBytes >= 1 else {
            throw SinkError(.invalidConfiguration, "the queue bound must be at least 1 byte, got \(configuration.maximumQueuedBytes)",
                            field: "maximumQueuedBytes")
        }
        guard configuration.batchDelay >= .zero else {
            throw SinkError(.invalidConfiguration, "the batch delay must not be negative", field: "batchDelay")
        }
        guard configuration.closeTimeout >= .zero else {
            throw SinkError(.invalidConfiguration, "the close timeout must not be negative", field: "closeTimeout")
        }
        self.wrapped = sink
        self.formatter = formatter
        self.direct = DirectFormatting(formatter)
        self.configuration = configuration
        self.queue = ConditionLocked(AsyncQueue(), conditions: 2)
        self.batching = Batching(configuration)
        let thread = Thread { [queue, wrapped, counters, batching] in
            Self.runWriter(queue: queue, sink: wrapped, counters: counters, batching: batching)
        }
        thread.name = "rotor.async"
        thread.start()
    }

    deinit { close() }

    /// Formats `record` and queues it; see ``AsyncSinkConfiguration/OverflowPolicy`` for a full queue.
    public func log(_ record: LogRecord) {
        ThreadLocalBuffer.withBuffer { buffer in
            formatter.format(record, into: &buffer)
            buffer.withUnsafeBytes { enqueue($0) }
        }
        if let flushLevel = configuration.flushLevel, record.level >= flushLevel { flush() }
    }

    /// Formats a record given as typed fields straight into the queue (see ``DirectLogger``).
    public func log(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        fields: (inout RecordFields) -> Void
    ) {
        ThreadLocalBuffer.withBuffer { buffer in
            direct.format(
                level: level, label: label, message: message, timestamp: timestamp, into: &buffer, fields: fields)
            buffer.withUnsafeBytes { enqueue($0) }
        }
        if let flushLevel = configuration.flushLevel, level >= flushLevel { flush() }
    }

    private func enqueue(_ line: UnsafeRawBufferPointer) {
        let capacity = configuration.capacity
        let maximumBytes = configuration.maximumQueuedBytes
        let overflow = configuration.overflow
        let size = line.count
        let batching = self.batching
        let wakeWriter = queue.withLock(waitingOn: Self.progress, until: { queue in
            overflow != .block || queue.closing || queue.hasRoom(for: size, capacity: capacity, maximumBytes: maximumBytes)
        }) { queue, _ -> Bool in
            if queue.closing {
                counters.recordDropped(.closed, bytes: size)
                return false
            }
            if !queue.hasRoom(for: size, capacity: capacity, maximumBytes: maximumBytes) {
                if overflow == .dropNewest {
                    counters.recordDropped(.queueFullNewest, bytes: size)
                    return false
                }
                while !queue.hasRoom(for: size, capacity: capacity, maximumBytes: maximumBytes),
                    let evicted = queue.evictOldest()
                {
                    counters.recordDropped(.queueFullOldest, bytes: evicted)
                }
            }
            queue.append(line)
            return queue.writerWaiting
                && (queue.writerIdle || queue.hasFullBatch(bytes: batching.bytes, records: batching.records))
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
    public func close() {
        let first = queue.withLock { queue -> Bool in
            guard !queue.closing else { return false }
            queue.closing = true
            return true
        }
        guard first else { return }
        queue.broadcast(Self.work)
        queue.broadcast(Self.progress)
        queue.withLock(waitingOn: Self.progress, until: { $0.writerFinished }, timeout: configuration.closeTimeout) {
            queue, finished in
            if !finished { queue.abandoned = true }
        }
        queue.broadcast(Self.work)
    }

    /// Records written to the wrapped sink, and records dropped by the queue, by cause. The wrapped
    /// sink's own statistics say what reached its destination.
    public var statistics: SinkStatistics { counters.snapshot() }

    // MARK: - The writer thread

    /// When the writer thread writes: a full batch, or whatever is queued after ``batchDelay``.
    struct Batching: Sendable {
        let bytes: Int
        let records: Int
        let delay: Duration

        init(_ configuration: AsyncSinkConfiguration) {
            // Half the bounds at most, so a lingering writer wakes long before producers block.
            bytes = max(1, min(64 << 10, configuration.maximumQueuedBytes / 2))
            records = max(1, configuration.capacity / 2)
            delay = configuration.batchDelay
        }
    }

    private static func runWriter(
        queue: ConditionLocked<AsyncQueue>, sink: any FormattedLogSink, counters: SinkCounters, batching: Batching
    ) {
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
                        || queue.hasFullBatch(bytes: batching.bytes, records: batching.records)
                },
                timeout: batching.delay,
                waiting: { queue, asleep in queue.writerWaiting = asleep }
            ) { queue, _ -> (buffer: [UInt8], start: Int, records: Int)? in
                if queue.abandoned || (queue.closing && queue.queuedRecords == 0) {
                    let left = queue.queuedRecords
                    if left > 0 {
                        counters.recordDropped(.closed, records: left, bytes: queue.queuedBytes)
                        queue.settled += left
                    }
                    return nil
                }
                return queue.takeAll()
            }
            guard var batch else { break }
            batch.buffer.withUnsafeBytes { bytes in
                let live = UnsafeRawBufferPointer(rebasing: bytes[batch.start...])
                sink.write(formatted: live, recordCount: batch.records)
                counters.recordWritten(records: batch.records, bytes: live.count)
            }
            // Hand the buffer back uniquely referenced, so clearing it keeps its storage.
            var buffer = batch.buffer
            batch.buffer = []
            queue.withLock { $0.finishWriting(&buffer, records: batch.records) }
            queue.broadcast(progress)
        }
        sink.close()
        queue.withLock { $0.writerFinished = true }
        queue.broadcast(progress)
    }
}
