import Logging
import RotorCore
import RotorFormatters

extension SyslogFormatter: TypedFieldFormatter {
    /// Formats a record given as typed fields (the direct API): with a payload formatter that
    /// takes typed fields (``/RotorFormatters/JSONFormatter``), straight into MSG, so numbers stay
    /// numbers; otherwise through a record whose metadata the fields are collected into.
    func format(
        timestamp: LogTimestamp, level: Logger.Level, label: String, message: StaticString,
        into buffer: inout LogBuffer, fields: (inout RecordFields) -> Void
    ) {
        if let typed = payloadFormatter as? any TypedFieldFormatter {
            appendFrame(level: level, timestamp: timestamp, into: &buffer, checksUTF8: true) { _ in
            } message: {
                typed.format(
                    timestamp: timestamp, level: level, label: label, message: message, into: &$0, fields: fields)
            }
        } else {
            let record = LogRecord(
                timestamp: timestamp, level: level, label: label, message: message.description,
                metadata: RecordFields.metadata(fields), source: "", file: "", function: "", line: 0)
            format(record, into: &buffer)
        }
    }
}
