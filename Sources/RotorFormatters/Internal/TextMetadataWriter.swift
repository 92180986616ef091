import RotorCore

/// Writes metadata (of a record or of its capture, see ``MetadataView``) for ``TextFormatter``:
/// `key=value` pairs separated by spaces, sorted by key (see ``MetadataOrder``); nested
/// dictionaries as `[a: 1, b: [c: 2]]` (also sorted) and arrays as `[1, 2]`. Keys and values are
/// escaped with ``TextEscaper``. A dictionary or array nested deeper than
/// ``MetadataOrder/maximumDepth`` levels is written as `…`.
enum TextMetadataWriter {
    static let truncated: [UInt8] = Array("…".utf8)

    /// Appends the top-level `key=value` pairs.
    static func appendPairs<Container: MetadataView>(_ metadata: Container, into buffer: inout LogBuffer) {
        var first = true
        MetadataOrder.forEachSorted(metadata) { key, value in
            if !first { buffer.append(UInt8(ascii: " ")) }
            first = false
            TextEscaper.appendEscaped(key, into: &buffer)
            buffer.append(UInt8(ascii: "="))
            appendValue(value, parentLevel: 1, into: &buffer)
        }
    }

    /// Appends one value that sits inside a container at nesting `parentLevel`.
    static func appendValue<Container: MetadataView>(
        _ value: MetadataElement<Container>, parentLevel: Int, into buffer: inout LogBuffer
    ) {
        switch value {
        case .text(let text):
            TextEscaper.appendEscaped(text, into: &buffer)
        case .dictionary(let dictionary):
            guard parentLevel < MetadataOrder.maximumDepth else {
                buffer.append(truncated)
                return
            }
            buffer.append(UInt8(ascii: "["))
            var first = true
            MetadataOrder.forEachSorted(dictionary) { key, element in
                if !first {
                    buffer.append(UInt8(ascii: ","))
                    buffer.append(UInt8(ascii: " "))
                }
                first = false
                TextEscaper.appendEscaped(key, into: &buffer)
                buffer.append(UInt8(ascii: ":"))
                buffer.append(UInt8(ascii: " "))
                appendValue(element, parentLevel: parentLevel + 1, into: &buffer)
            }
            if dictionary.count == 0 { buffer.append(UInt8(ascii: ":")) }
            buffer.append(UInt8(ascii: "]"))
        case .array(let array):
            guard parentLevel < MetadataOrder.maximumDepth else {
                buffer.append(truncated)
                return
            }
            buffer.append(UInt8(ascii: "["))
            var first = true
            array.forEachElement { element in
                if !first {
                    buffer.append(UInt8(ascii: ","))
                    buffer.append(UInt8(ascii: " "))
                }
                first = false
                appendValue(element, parentLevel: parentLevel + 1, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .truncated:
            buffer.append(truncated)
        }
    }
}
