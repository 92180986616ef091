public import Logging
public import RotorCore
public import RotorFormatters

/// A sink that accepts records given as typed fields (the direct logging API), writing them
/// straight into its output buffer when its formatter is a ``/RotorFormatters/TypedFieldFormatter``.
///
/// ``FileSink``, ``RotatingFileSink`` and ``AsyncSink`` conform. Use it through ``DirectLogger``.
public protocol TypedLogSink: LogSink {
    /// Writes one record given as typed fields.
    ///
    /// - Parameters:
    ///   - level: The severity.
    ///   - label: The logger's label.
    ///   - message: The message, a string literal.
    ///   - timestamp: When the record was made.
    ///   - fields: Writes the record's fields.
    func log(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        fields: (inout RecordFields) -> Void)

    /// Writes one record given as typed fields, timestamped by the sink.
    ///
    /// ``DirectLogger`` calls this when it has no clock of its own. A file sink reads its
    /// ``FileSinkConfiguration/clock`` once, and that one reading is both the record's timestamp and
    /// the time its rotation strategy is asked about, so a record from one thread goes to the file
    /// of its own time (another thread's later record may rotate first; a file shared across
    /// processes reads its clock again under the cross-process lock). The default implementation reads the system clock and calls
    /// ``log(level:label:message:timestamp:fields:)``.
    ///
    /// - Parameters:
    ///   - level: The severity.
    ///   - label: The logger's label.
    ///   - message: The message, a string literal.
    ///   - fields: Writes the record's fields.
    func log(level: Logger.Level, label: String, message: StaticString, fields: (inout RecordFields) -> Void)
}

extension TypedLogSink {
    /// Reads the system clock and calls ``log(level:label:message:timestamp:fields:)``.
    @inlinable
    public func log(level: Logger.Level, label: String, message: StaticString, fields: (inout RecordFields) -> Void) {
        log(level: level, label: label, message: message, timestamp: LogTimestamp.now(), fields: fields)
    }
}
