import Logging
import RotorCore
import RotorFormatters

/// A sink's formatter with its direct and swift-log paths looked up once, not per record.
///
/// Each path is a non-optional existential: the formatter itself when it has the path, otherwise
/// an adapter that goes through a `LogRecord`. A call through an optional existential stored in a
/// class copies it first (a retain and a release per record); a call through a plain one does not.
struct DirectFormatting: Sendable {
    let formatter: any LogFormatter
    /// The formatter, or ``RecordFieldsThroughLogRecord`` when it is not a
    /// ``/RotorFormatters/TypedFieldFormatter``.
    let typed: any TypedFieldFormatter
    /// The formatter, or ``SwiftLogEventThroughLogRecord`` when it does not format swift-log events
    /// in place.
    let swiftLog: any SwiftLogEventFormatter

    init(_ formatter: any LogFormatter) {
        self.formatter = formatter
        self.typed = formatter as? any TypedFieldFormatter ?? RecordFieldsThroughLogRecord(formatter: formatter)
        self.swiftLog = formatter as? any SwiftLogEventFormatter ?? SwiftLogEventThroughLogRecord(formatter: formatter)
    }

    /// Formats a direct record: straight into `buffer` with a ``/RotorFormatters/TypedFieldFormatter``, otherwise
    /// through a `LogRecord` whose metadata the fields are collected into.
    @inline(__always)
    func format(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        into buffer: inout LogBuffer, fields: (inout RecordFields) -> Void
    ) {
        typed.format(timestamp: timestamp, level: level, label: label, message: message, into: &buffer, fields: fields)
    }

    /// Formats the record a swift-log event makes: in place with a
    /// ``/RotorFormatters/SwiftLogEventFormatter``, otherwise through the `LogRecord`.
    @inline(__always)
    func format(swiftLog record: SwiftLogEventRecord, into buffer: inout LogBuffer) {
        swiftLog.format(swiftLog: record, into: &buffer)
    }
}

/// The direct path of a formatter without one: the fields are collected into a `LogRecord`'s
/// metadata, which the formatter formats.
struct RecordFieldsThroughLogRecord: TypedFieldFormatter {
    let formatter: any LogFormatter

    func format(_ record: LogRecord, into buffer: inout LogBuffer) { formatter.format(record, into: &buffer) }

    var writesSource: Bool { formatter.writesSource }

    func format(
        timestamp: LogTimestamp, level: Logger.Level, label: String, message: StaticString,
        into buffer: inout LogBuffer, fields: (inout RecordFields) -> Void
    ) {
        let record = LogRecord(
            timestamp: timestamp, level: level, label: label, message: message.description,
            metadata: RecordFields.metadata(fields), source: "", file: "", function: "", line: 0)
        formatter.format(record, into: &buffer)
    }
}

/// The swift-log path of a formatter without one: the event's `LogRecord` is built and formatted.
struct SwiftLogEventThroughLogRecord: SwiftLogEventFormatter {
    let formatter: any LogFormatter

    func format(swiftLog record: SwiftLogEventRecord, into buffer: inout LogBuffer) {
        formatter.format(record.logRecord, into: &buffer)
    }
}
