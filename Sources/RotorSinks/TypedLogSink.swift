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

/// A sink's formatter with its direct path looked up once, not per record.
struct DirectFormatting: Sendable {
    let formatter: any LogFormatter
    let typed: (any TypedFieldFormatter)?

    init(_ formatter: any LogFormatter) {
        self.formatter = formatter
        self.typed = formatter as? any TypedFieldFormatter
    }

    /// Formats a direct record: straight into `buffer` with a ``/RotorFormatters/TypedFieldFormatter``, otherwise
    /// through a `LogRecord` whose metadata the fields are collected into.
    @inline(__always)
    func format(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        into buffer: inout LogBuffer, fields: (inout RecordFields) -> Void
    ) {
        // Optional chaining calls the formatter in place; `if let typed` would copy the
        // existential (a retain and a release per record).
        let formatted: Void? = typed?.format(
            timestamp: timestamp, level: level, label: label, message: message, into: &buffer, fields: fields)
        if formatted == nil {
            let record = LogRecord(
                timestamp: timestamp, level: level, label: label, message: message.description,
                metadata: RecordFields.metadata(fields), source: "", file: "", function: "", line: 0)
            formatter.format(record, into: &buffer)
        }
    }
}
