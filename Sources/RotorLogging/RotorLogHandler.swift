public import Logging
public import RotorCore
import RotorFormatters
import RotorSinks

/// The swift-log `LogHandler` that turns each log statement into a ``/RotorCore/LogRecord`` and
/// hands it to a ``/RotorCore/LogSink``.
///
/// Bootstrap it once with ``RotorLoggingSystem``, or build a `Logger` around it directly, which is
/// what tests should do:
///
/// ```swift
/// let sink = InMemorySink()
/// let logger = Logger(label: "com.example.server") { RotorLogHandler(label: $0, sink: sink) }
/// logger.info("started", metadata: ["port": "8080"])
/// ```
///
/// The handler is a value: ``logLevel``, ``metadata`` and ``metadataProvider`` belong to each copy,
/// so changing them on one `Logger` never affects another. The ``sink`` is a shared reference:
/// every copy writes to the same destination.
///
/// Each record's metadata merges three sources, later ones winning on the same key: the handler's
/// ``metadata``, then the ``metadataProvider``'s, then the metadata passed at the call site. The
/// call site's error is carried in ``/RotorCore/LogRecord/error`` (no metadata keys are added for
/// it: formatters decide how to render it), and the timestamp comes from the handler's own
/// ``clock``, never a global one.
///
/// The record's ``/RotorCore/LogRecord/source`` is the call site's source, or, when it gave none,
/// the module swift-log derives from the file. Working that out costs a scan of the file name and a
/// new string per record, so a handler whose sink never reads it (``/RotorCore/LogSink/readsSource``:
/// for example a `JSONFormatter` without the `source` field) leaves it empty.
///
/// ### The fast path
/// A `FileSink`, a `RotatingFileSink` or an `AsyncSink` takes the swift-log event itself: it formats
/// the record (or, asynchronously, copies it into its queue) straight from the event, the label,
/// the timestamp and the merged metadata, and no `LogRecord` is built. A `LevelRouterSink` (the
/// per-level files of ``RotorLoggingSystem``) and a `MultiplexSink` pass the event on to the
/// children that take it. Only when two of the three metadata sources have entries is a merged
/// dictionary made; the call site's metadata alone is used as it is. The bytes written are the
/// ones the `LogRecord` gives, which is what every other sink (in-memory, your own) receives.
public struct RotorLogHandler: LogHandler, Sendable {
    /// The label of the logger this handler belongs to; copied into every record.
    public let label: String
    /// The destination of every record, shared by all copies of the handler.
    public let sink: any LogSink
    /// The clock that timestamps records.
    public let clock: any LogClock

    /// The least severe level this handler's `Logger` lets through; `.info` by default.
    ///
    /// `Logger` compares levels before calling the handler, so the handler does not check again.
    public var logLevel: Logger.Level
    /// Metadata added to every record of this handler (and of its copies made afterwards).
    public var metadata: Logger.Metadata = [:]
    /// Supplies metadata from the execution context (for example a trace ID) for each record.
    public var metadataProvider: Logger.MetadataProvider?
    /// The sink's ``/RotorCore/LogSink/readsSource``, asked once.
    private let sinkReadsSource: Bool
    /// The sink, when it takes a swift-log event without a `LogRecord` being built (file, rotating
    /// and async sinks, routers and fan-outs); looked up once.
    private let eventSink: (any SwiftLogEventSink)?
    /// Whether ``clock`` is the system clock: then it is read directly, and a file sink on the
    /// system clock takes the record's timestamp as the time of the write (one reading a record).
    private let clockIsSystemClock: Bool

    /// Creates a handler that writes to `sink`.
    ///
    /// - Parameters:
    ///   - label: The logger's label, copied into every record.
    ///   - sink: The destination; shared, not copied, by copies of the handler.
    ///   - logLevel: The least severe level let through; `.info` by default.
    ///   - metadataProvider: Supplies contextual metadata for each record; none by default.
    ///   - clock: Timestamps records; the system's real-time clock by default.
    public init(
        label: String,
        sink: any LogSink,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        clock: any LogClock = SystemClock()
    ) {
        self.label = label
        self.sink = sink
        self.sinkReadsSource = sink.readsSource
        self.eventSink = sink as? any SwiftLogEventSink
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
        self.clock = clock
        self.clockIsSystemClock = clock is SystemClock
    }

    /// Gets or sets one key of ``metadata``.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Builds a record from `event` and writes it to ``sink``. Never throws or traps; a sink that
    /// cannot write counts the record as dropped.
    ///
    /// A file, rotating or async sink formats (or captures) the record straight from the event, and
    /// a router or a fan-out passes the event on; other sinks are given a
    /// ``/RotorCore/LogRecord``. The bytes are the same.
    public func log(event: LogEvent) {
        let timestamp = clockIsSystemClock ? LogTimestamp.now() : clock.now()
        guard eventSink != nil else {
            sink.log(
                LogRecord(
                    timestamp: timestamp,
                    level: event.level,
                    label: label,
                    message: event.message.description,
                    metadata: mergedMetadata(event.metadata),
                    source: sinkReadsSource ? event.source : "",
                    file: event.file,
                    function: event.function,
                    line: event.line,
                    error: event.error
                ))
            return
        }
        // The usual case, the call site's metadata alone, is borrowed where it lies.
        guard metadataProvider == nil && metadata.isEmpty else {
            log(event, at: timestamp, metadata: merging(event.metadata))
            return
        }
        if let explicit = event.metadata {
            log(event, at: timestamp, metadata: explicit)
        } else {
            log(event, at: timestamp, metadata: [:])
        }
    }

    /// Hands the record of `event` with `metadata` to ``eventSink``.
    @inline(__always)
    private func log(_ event: borrowing LogEvent, at timestamp: LogTimestamp, metadata: borrowing Logger.Metadata) {
        SwiftLogEventRecord.withRecord(
            of: event, label: label, timestamp: timestamp, isSystemTime: clockIsSystemClock, metadata: metadata,
            readsSource: sinkReadsSource
        ) { record in
            // Optional chaining calls the sink in place; `if let` would copy the existential.
            eventSink?.log(swiftLog: record)
        }
    }

    /// Handler metadata, then the provider's, then the call site's; later wins on equal keys.
    ///
    /// Only the call site's metadata, the usual case, is returned as it is; a merge is done only
    /// when two of the sources have entries.
    @inline(__always)
    private func mergedMetadata(_ explicit: Logger.Metadata?) -> Logger.Metadata {
        guard metadataProvider != nil || !metadata.isEmpty else { return explicit ?? [:] }
        return merging(explicit)
    }

    private func merging(_ explicit: Logger.Metadata?) -> Logger.Metadata {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            if merged.isEmpty {
                merged = provided
            } else {
                merged.merge(provided) { _, new in new }
            }
        }
        if let explicit, !explicit.isEmpty {
            if merged.isEmpty {
                merged = explicit
            } else {
                merged.merge(explicit) { _, new in new }
            }
        }
        return merged
    }
}
