import RotorCore

/// Takes `LogRecord`s only (it is not a `SwiftLogEventSink`) and hands each to its sinks: what
/// `RotorLogHandler` gives a sink without the swift-log event path, the reference the event paths
/// are compared with.
final class RecordOnlySink: LogSink {
    let sinks: [any LogSink]

    init(_ sinks: any LogSink...) { self.sinks = sinks }

    func log(_ record: LogRecord) { for sink in sinks { sink.log(record) } }
    func flush() { for sink in sinks { sink.flush() } }
    func close() { for sink in sinks { sink.close() } }
    var statistics: SinkStatistics { SinkStatistics() }
    var readsSource: Bool { sinks.contains { $0.readsSource } }
}
