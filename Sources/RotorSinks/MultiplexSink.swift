public import RotorCore
package import RotorFormatters

/// A sink that hands every record to several sinks (fan-out), in order.
///
/// Its ``statistics`` describe the fan-out itself: a record counts as written once it has been
/// handed to the children. Each child keeps its own counters for what reached its destination.
///
/// A swift-log event (from `RotorLogHandler`) is passed on as it is to the children that take it
/// (file, rotating and async sinks, routers, other fan-outs), and as one `LogRecord`, built at
/// most once, to the others; every child writes the bytes the `LogRecord` gives.
public final class MultiplexSink: LogSink, SwiftLogEventSink {
    /// The sinks every record goes to.
    public let sinks: [any LogSink]
    /// ``sinks``, each knowing whether it takes a swift-log event (looked up once).
    private let routes: [SwiftLogEventRoute]
    private let counters = SinkCounters()

    /// Creates a fan-out over `sinks`.
    public init(_ sinks: [any LogSink]) {
        self.sinks = sinks
        self.routes = sinks.map(SwiftLogEventRoute.init)
    }

    /// Hands `record` to every child sink.
    public func log(_ record: LogRecord) {
        for sink in sinks { sink.log(record) }
        counters.recordWritten(bytes: 0)
    }

    /// Hands a swift-log event to every child sink: as it is to those that take it, as one
    /// `LogRecord` to the others.
    package func log(swiftLog record: SwiftLogEventRecord) {
        SwiftLogEventRoute.log(record, to: routes)
        counters.recordWritten(bytes: 0)
    }

    /// Flushes every child sink.
    public func flush() {
        for sink in sinks { sink.flush() }
    }

    /// Closes every child sink.
    public func close() {
        for sink in sinks { sink.close() }
    }

    /// Records handed on (``/RotorCore/SinkStatistics/recordsWritten``); bytes are counted by the children.
    public var statistics: SinkStatistics { counters.snapshot() }

    /// Whether any of ``sinks`` reads the source.
    public var readsSource: Bool { sinks.contains { $0.readsSource } }
}
