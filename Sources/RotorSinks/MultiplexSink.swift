public import RotorCore

/// A sink that hands every record to several sinks (fan-out), in order.
///
/// Its ``statistics`` describe the fan-out itself: a record counts as written once it has been
/// handed to the children. Each child keeps its own counters for what reached its destination.
public final class MultiplexSink: LogSink {
    /// The sinks every record goes to.
    public let sinks: [any LogSink]
    private let counters = SinkCounters()

    /// Creates a fan-out over `sinks`.
    public init(_ sinks: [any LogSink]) {
        self.sinks = sinks
    }

    /// Hands `record` to every child sink.
    public func log(_ record: LogRecord) {
        for sink in sinks { sink.log(record) }
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
