public import Logging

/// How an ``AsyncSink`` queues records.
public struct AsyncSinkConfiguration: Sendable, Hashable {
    /// What a producer does when the queue is full.
    public enum OverflowPolicy: Sendable, Hashable {
        /// Wait until the writer thread makes room (backpressure). Nothing is dropped.
        case block
        /// Refuse the incoming record; counted under ``/RotorCore/SinkStatistics/DropCause/queueFullNewest``.
        case dropNewest
        /// Evict the oldest queued records to make room; counted under
        /// ``/RotorCore/SinkStatistics/DropCause/queueFullOldest``.
        case dropOldest
    }

    /// The most records queued or being written at once; 16 384 by default.
    public var capacity = 16_384
    /// The most bytes queued or being written at once; 8 MiB by default. A single record larger
    /// than this is still accepted when the queue is empty (never dropped for its size alone).
    /// The queue and the batch being written are two buffers of half this size each, reserved
    /// once, so formatted records never take more than this bound (plus, transiently, one record
    /// larger than half of it). A record queued as a capture (``formatsOnWriterThread``) counts
    /// with the exact size of its capture, and the writer formats a batch of captures into one
    /// more buffer of about a batch's size.
    public var maximumQueuedBytes = 8 << 20
    /// What happens when the queue is full; ``OverflowPolicy/block`` by default.
    public var overflow = OverflowPolicy.block
    /// Records at or above this level are flushed at once: ``AsyncSink/log(_:)`` returns only when
    /// they (and everything before them) have been written. `nil` (the default) never does this.
    public var flushLevel: Logger.Level?
    /// How long ``AsyncSink/close()`` waits for the queue to drain; 5 seconds by default. Records
    /// still queued after it are dropped and counted under ``/RotorCore/SinkStatistics/DropCause/closed``.
    public var closeTimeout: Duration = .seconds(5)
    /// How long the writer thread may wait for a batch to fill once a record is queued; 1 ms by
    /// default. Batching many records into one write is what makes the writer cheap: without the
    /// wait, a writer as fast as its producer wakes for every few records (a futex wake-up and a
    /// `write(2)` each). A batch is written as soon as it reaches 64 KiB (or a quarter of
    /// ``maximumQueuedBytes``, or half of ``capacity``), when a producer waits for room, on
    /// ``AsyncSink/flush()``, on ``AsyncSink/close()``, or when this delay has passed, so no record waits longer than this for the writer to start on it. `.zero` writes
    /// whatever is queued as soon as the writer is free.
    public var batchDelay: Duration = .milliseconds(1)
    /// Whether ``AsyncSink/log(_:)`` leaves formatting a `LogRecord` to the writer thread (the
    /// default), or formats it on the caller's thread.
    ///
    /// Formatting on the writer thread takes the formatter's cost off the thread that logs: the
    /// caller only copies the record into the queue. It applies to the formatters that can format
    /// such a copy, `JSONFormatter` and `TextFormatter` (every configuration of either); records
    /// for other formatters are formatted on the caller's thread whatever this says.
    ///
    /// The copy is a *capture*: the record's text and metadata copied as bytes into the queue on
    /// the caller's thread, so the writer never touches the caller's strings and dictionaries (it
    /// would otherwise read memory another core just wrote and free it there). A
    /// `.stringConvertible` metadata value and an attached error are described when the record is
    /// captured, as formatting on the caller's thread would. The capture's bytes count in
    /// ``maximumQueuedBytes``. The output is byte for byte what formatting the record gives.
    ///
    /// The direct API (``DirectLogger``) always formats on the caller's thread: its fields exist
    /// only during the call.
    public var formatsOnWriterThread = true

    /// Creates the default configuration.
    public init() {}

    /// Creates a configuration.
    public init(
        capacity: Int = 16_384,
        maximumQueuedBytes: Int = 8 << 20,
        overflow: OverflowPolicy = .block,
        flushLevel: Logger.Level? = nil,
        closeTimeout: Duration = .seconds(5),
        batchDelay: Duration = .milliseconds(1),
        formatsOnWriterThread: Bool = true
    ) {
        self.capacity = capacity
        self.maximumQueuedBytes = maximumQueuedBytes
        self.overflow = overflow
        self.flushLevel = flushLevel
        self.closeTimeout = closeTimeout
        self.batchDelay = batchDelay
        self.formatsOnWriterThread = formatsOnWriterThread
    }
}
