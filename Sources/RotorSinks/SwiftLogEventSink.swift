package import RotorCore
package import RotorFormatters

/// A sink that formats (or, asynchronously, captures) the record a swift-log event makes straight
/// from the event, without a ``/RotorCore/LogRecord`` being built: ``FileSink``,
/// ``RotatingFileSink`` and ``AsyncSink``, and the routing sinks ``LevelRouterSink`` and
/// ``MultiplexSink``, which pass the event on to the children that take it.
///
/// `RotorLogHandler` looks for it once, when it is made, and then hands each event over as a
/// ``/RotorFormatters/SwiftLogEventRecord``; other sinks get a `LogRecord`. The bytes written are
/// the same either way.
package protocol SwiftLogEventSink: LogSink {
    /// Writes the record a swift-log event makes: what ``/RotorCore/LogSink/log(_:)`` writes for
    /// ``/RotorFormatters/SwiftLogEventRecord/logRecord``.
    func log(swiftLog record: SwiftLogEventRecord)
}
