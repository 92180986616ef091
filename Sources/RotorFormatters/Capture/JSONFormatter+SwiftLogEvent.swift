package import RotorCore

extension JSONFormatter {
    /// Appends the record a swift-log event makes as one JSON object followed by `\n`: the bytes
    /// ``format(_:into:)`` writes for ``SwiftLogEventRecord/logRecord``.
    ///
    /// The fields are written by the code that writes a `LogRecord`'s, but read where the event
    /// and the handler hold them, without a copy: the label and the message, when they are short
    /// plain ASCII strings (``ShortASCII``), from their own words; the metadata by
    /// `JSONMetadataWriter`'s swift-log path, from the dictionary itself.
    package func format(swiftLog record: SwiftLogEventRecord, into buffer: inout LogBuffer) {
        let shortStrings = ShortASCII.layoutHolds
        appendTimestampAndLevel(timestamp: record.timestamp, level: record.level, into: &buffer)
        Self.appendEscaped(record.label, shortStrings: shortStrings, into: &buffer)
        buffer.appendInline(keys.message)
        Self.appendEscaped(record.message, shortStrings: shortStrings, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
        if !record.metadata.isEmpty {
            switch metadataPlacement.kind {
            case .nested:
                buffer.appendInline(keys.metadata)
                JSONMetadataWriter.appendObject(
                    swiftLogAt: record.metadataAddress, startIndex: record.metadataStart, level: 1,
                    shortStrings: shortStrings, into: &buffer)
            case .flattened:
                appendFlattened(record.metadataView, into: &buffer)
            }
        }
        if fields.rawValue == 0 && !record.hasError {
            // The standard record: nothing after the metadata.
            buffer.append(UInt8(ascii: "}"))
            buffer.append(UInt8(ascii: "\n"))
        } else {
            appendCallSiteAndError(of: record, into: &buffer)
        }
    }

    /// Appends `string` escaped, without quotes: from its words when it is a short, plain ASCII
    /// string and `shortStrings` (``ShortASCII/layoutHolds``).
    @inline(__always)
    private static func appendEscaped(_ string: String, shortStrings: Bool, into buffer: inout LogBuffer) {
        if shortStrings, let short = ShortASCII(string), short.isPlain {
            short.append(into: &buffer)
        } else {
            JSONEscaper.appendEscaped(string, into: &buffer)
        }
    }
}
