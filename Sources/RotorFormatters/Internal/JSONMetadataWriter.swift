import RotorCore
import Logging

/// Writes swift-log metadata as JSON.
///
/// Dictionaries become objects with sorted keys (see ``MetadataOrder``), arrays become arrays,
/// `.string` values strings and `.stringConvertible` values the string of their `description`.
/// The metadata object itself is level 1; a dictionary or array that would open a level deeper
/// than ``MetadataOrder/maximumDepth`` is written as the string `"…"`, which also bounds the
/// recursion (and so the stack used) whatever the input.
enum JSONMetadataWriter {
    /// The bytes of the JSON string `"…"` (U+2026 HORIZONTAL ELLIPSIS).
    static let truncated: [UInt8] = Array("\"…\"".utf8)

    /// Appends `metadata` as a JSON object at nesting `level` (1 for the top-level object).
    static func appendObject(_ metadata: Logger.Metadata, level: Int, into buffer: inout LogBuffer) {
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
    static func appendMember(_ key: String, _ value: Logger.MetadataValue, level: Int, into buffer: inout LogBuffer) {
        JSONEscaper.appendQuoted(key, into: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendValue(value, parentLevel: level, into: &buffer)
    }

    /// Appends one value that sits inside a container at nesting `parentLevel`.
    static func appendValue(_ value: Logger.MetadataValue, parentLevel: Int, into buffer: inout LogBuffer) {
        switch value {
        case .string(let string):
            JSONEscaper.appendQuoted(string, into: &buffer)
        case .stringConvertible(let convertible):
            JSONEscaper.appendQuoted(convertible.description, into: &buffer)
        case .dictionary(let dictionary):
            appendObject(dictionary, level: parentLevel + 1, into: &buffer)
        case .array(let array):
            guard parentLevel < MetadataOrder.maximumDepth else {
                buffer.append(truncated)
                return
            }
            buffer.append(UInt8(ascii: "["))
            var first = true
            for element in array {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                appendValue(element, parentLevel: parentLevel + 1, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        }
    }
}

extension JSONMetadataWriter {
    /// Appends a captured dictionary as a JSON object at nesting `level`; the same bytes as
    /// ``appendObject(_:level:into:)`` writes for the dictionary it was captured from.
    static func appendObject(_ metadata: CapturedMetadata, into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: "{"))
        var first = true
        MetadataOrder.forEachSorted(metadata) { key, value in
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            appendMember(key, value, into: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// Appends `"key":value` for a captured member.
    @inline(__always)
    static func appendMember(_ key: UnsafeBufferPointer<UInt8>, _ value: CapturedValue, into buffer: inout LogBuffer) {
        appendQuoted(key, into: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendValue(value, into: &buffer)
    }

    /// Appends one captured value (its depth was capped when it was captured).
    static func appendValue(_ value: CapturedValue, into buffer: inout LogBuffer) {
        switch value {
        case .string(let string):
            appendQuoted(string, into: &buffer)
        case .dictionary(let dictionary):
            appendObject(dictionary, into: &buffer)
        case .array(let array):
            buffer.append(UInt8(ascii: "["))
            var first = true
            array.forEachElement { element in
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                appendValue(element, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .truncated:
            buffer.append(truncated)
        }
    }

    @inline(__always)
    private static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: "\""))
        JSONEscaper.appendEscaped(utf8: utf8, validating: false, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }
}
