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
}
