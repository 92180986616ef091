import RotorCore

/// Writes metadata (of a record or of its capture, see ``MetadataView``) as JSON.
///
/// Dictionaries become objects with sorted keys (see ``MetadataOrder``), arrays become arrays,
/// strings (and the descriptions of `.stringConvertible` values) strings. The metadata object
/// itself is level 1; a dictionary or array that would open a level deeper than
/// ``MetadataOrder/maximumDepth`` is written as the string `"…"`, which also bounds the recursion
/// (and so the stack used) whatever the input.
enum JSONMetadataWriter {
    /// The bytes of the JSON string `"…"` (U+2026 HORIZONTAL ELLIPSIS).
    static let truncated: [UInt8] = Array("\"…\"".utf8)

    /// Appends `metadata` as a JSON object at nesting `level` (1 for the top-level object).
    ///
    /// A swift-log dictionary takes ``appendObject(swiftLog:level:into:)``, which writes the same
    /// bytes in one pass over the dictionary.
    static func appendObject<Container: MetadataView>(_ metadata: Container, level: Int, into buffer: inout LogBuffer) {
        // Resolved when the function is specialized: no cast at run time.
        if let swiftLog = metadata as? SwiftLogMetadata, case .dictionary(let dictionary) = swiftLog {
            appendObject(swiftLog: dictionary, level: level, into: &buffer)
            return
        }
        appendSortedObject(metadata, level: level, into: &buffer)
    }

    /// Appends `metadata` as a JSON object at nesting `level`, its entries sorted by
    /// ``MetadataOrder`` (any container, any keys).
    static func appendSortedObject<Container: MetadataView>(
        _ metadata: Container, level: Int, into buffer: inout LogBuffer
    ) {
        guard level <= MetadataOrder.maximumDepth else {
            buffer.append(truncated)
            return
        }
        buffer.append(UInt8(ascii: "{"))
        var first = true
        MetadataOrder.forEachSorted(metadata) { key, value in
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            appendMember(key, value, level: level, into: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// Appends `"key":value` for a member of an object at nesting `level`.
    @inline(__always)
    static func appendMember<Container: MetadataView>(
        _ key: Container.Text, _ value: MetadataElement<Container>, level: Int, into buffer: inout LogBuffer
    ) {
        appendQuoted(key, into: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendValue(value, parentLevel: level, into: &buffer)
    }

    /// Appends one value that sits inside a container at nesting `parentLevel`.
    static func appendValue<Container: MetadataView>(
        _ value: MetadataElement<Container>, parentLevel: Int, into buffer: inout LogBuffer
    ) {
        switch value {
        case .text(let text):
            appendQuoted(text, into: &buffer)
        case .dictionary(let dictionary):
            appendObject(dictionary, level: parentLevel + 1, into: &buffer)
        case .array(let array):
            guard parentLevel < MetadataOrder.maximumDepth else {
                buffer.append(truncated)
                return
            }
            buffer.append(UInt8(ascii: "["))
            var first = true
            array.forEachElement { element in
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                appendValue(element, parentLevel: parentLevel + 1, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .truncated:
            buffer.append(truncated)
        }
    }

    @inline(__always)
    static func appendQuoted<Text: RecordText>(_ text: Text, into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: "\""))
        JSONEscaper.appendEscaped(text, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }
}
