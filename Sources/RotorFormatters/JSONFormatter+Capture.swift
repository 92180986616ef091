package import RotorCore

extension JSONFormatter: CapturedRecordFormatter {
    /// Captures are formatted for nested metadata; flattened metadata (whose keys are checked
    /// against the field names) is formatted from the records themselves.
    package var formatsCaptures: Bool { metadataPlacement.kind == .nested }

    /// The call-site fields in ``fields``.
    package var capturedParts: CapturedLogRecord.Parts {
        var parts: CapturedLogRecord.Parts = []
        if fields.contains(.source) { parts.insert(.source) }
        if fields.contains(.file) { parts.insert(.file) }
        if fields.contains(.function) { parts.insert(.function) }
        return parts
    }

    /// Appends the captured record as one JSON object followed by `\n`: the bytes
    /// ``format(_:into:)`` writes for the record it was captured from.
    package func format(captured record: CapturedLogRecord, into buffer: inout LogBuffer) {
        appendHeader(timestamp: record.timestamp, level: record.level, into: &buffer)
        appendEscaped(record.label, into: &buffer)
        buffer.append(keys.message)
        appendEscaped(record.message, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
        if record.metadata.count > 0 {
            buffer.append(keys.metadata)
            JSONMetadataWriter.appendObject(record.metadata, into: &buffer)
        }
        if fields.contains(.source) { appendStringField(keys.source, record.source, into: &buffer) }
        if fields.contains(.file) { appendStringField(keys.file, record.file, into: &buffer) }
        if fields.contains(.function) { appendStringField(keys.function, record.function, into: &buffer) }
        if fields.contains(.line) {
            buffer.append(keys.line)
            DecimalWriter.append(UInt64(record.line), into: &buffer)
        }
        if let error = record.error {
            buffer.append(keys.errorType)
            appendEscaped(error.type, into: &buffer)
            buffer.append(keys.errorMessage)
            appendEscaped(error.description, into: &buffer)
            buffer.append(UInt8(ascii: "\""))
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: "}"))
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends `key` (with its opening quote) and the escaped text, and the closing quote.
    @inline(__always)
    private func appendStringField(_ key: [UInt8], _ utf8: UnsafeBufferPointer<UInt8>, into buffer: inout LogBuffer) {
        buffer.append(key)
        appendEscaped(utf8, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends captured text (valid UTF-8: it was a `String`) escaped, without quotes.
    @inline(__always)
    private func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, into buffer: inout LogBuffer) {
        JSONEscaper.appendEscaped(utf8: utf8, validating: false, into: &buffer)
    }
}
