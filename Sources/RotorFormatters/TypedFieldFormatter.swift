public import Logging
public import RotorCore

/// A formatter that can write a record given as typed fields (see ``RecordFields``) straight into
/// the output bytes: the fast path of the direct logging API.
public protocol TypedFieldFormatter: LogFormatter {
    /// Appends one record, ending with `\n`, to `buffer`.
    ///
    /// - Parameters:
    ///   - timestamp: When the record was made.
    ///   - level: Its severity.
    ///   - label: The logger's label.
    ///   - message: The message, a string literal.
    ///   - buffer: The output buffer; existing bytes are kept.
    ///   - fields: Writes the record's fields.
    func format(
        timestamp: LogTimestamp, level: Logger.Level, label: String, message: StaticString,
        into buffer: inout LogBuffer, fields: (inout RecordFields) -> Void)
}

extension JSONFormatter: TypedFieldFormatter {
    /// Appends the record as one JSON object. The typed fields go where metadata goes: nested
    /// under the metadata field (the default), or at the top level with ``MetadataPlacement/flattened``;
    /// numbers stay numbers. The call-site fields (`source`, `file`, …) are not written: the direct
    /// API does not capture them.
    public func format(
        timestamp: LogTimestamp, level: Logger.Level, label: String, message: StaticString,
        into buffer: inout LogBuffer, fields: (inout RecordFields) -> Void
    ) {
        appendHeader(timestamp: timestamp, level: level, label: label, into: &buffer)
        JSONEscaper.appendEscaped(message, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
        let mark = buffer.count
        let flattened = metadataPlacement == .flattened
        if !flattened { buffer.appendInline(keys.metadata) }
        let objectStart = buffer.count
        let fieldCount = withUnsafeMutablePointer(to: &buffer) { output in
            var writer = RecordFields(json: output)
            fields(&writer)
            return writer.count
        }
        if fieldCount == 0 {
            buffer.truncate(to: mark)
        } else if flattened {
            // The writer opened an object with "{"; at the top level that byte becomes a ",".
            buffer[objectStart] = UInt8(ascii: ",")
        } else {
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: "}"))
        buffer.append(UInt8(ascii: "\n"))
    }
}
