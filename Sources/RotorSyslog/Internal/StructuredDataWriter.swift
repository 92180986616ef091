import Logging
import RotorCore

/// Writes a record's label, metadata and error as one RFC 5424 SD-ELEMENT:
/// `[id label="app" key="value"…]`.
enum StructuredDataWriter {
    /// The longest SD-NAME (PARAM-NAME and the name part of an SD-ID), RFC 5424 section 6.3.
    static let maximumNameLength = 32

    /// Whether `byte` may appear in an SD-NAME: printable US-ASCII except `=`, space, `]` and `"`.
    static func isNameByte(_ byte: UInt8) -> Bool {
        byte > 32 && byte < 127 && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "]") && byte != UInt8(ascii: "\"")
    }

    /// Appends the element for `record` under the SD-ID `id` (already checked).
    static func append(_ record: LogRecord, id: [UInt8], into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: "["))
        buffer.append(id)
        appendParameter(name: "label", value: record.label, into: &buffer)
        if !record.metadata.isEmpty {
            for key in record.metadata.keys.sorted() {
                appendMetadata(name: key, value: record.metadata[key]!, depth: 0, into: &buffer)
            }
        }
        if let error = record.error {
            appendParameter(name: "error", value: String(describing: error), into: &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private static func appendMetadata(
        name: String, value: Logger.Metadata.Value, depth: Int, into buffer: inout LogBuffer
    ) {
        if case .dictionary(let nested) = value, depth < 8, !nested.isEmpty {
            for key in nested.keys.sorted() {
                appendMetadata(name: name + "." + key, value: nested[key]!, depth: depth + 1, into: &buffer)
            }
        } else {
            appendParameter(name: name, value: text(of: value), into: &buffer)
        }
    }

    /// A metadata value as a parameter value: strings as they are, arrays as `[a, b]`.
    static func text(of value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return string
        case .stringConvertible(let convertible): return convertible.description
        case .array(let values): return "[" + values.map(text(of:)).joined(separator: ", ") + "]"
        case .dictionary(let dictionary):
            let entries = dictionary.keys.sorted().map { "\($0): \(text(of: dictionary[$0]!))" }
            return "[" + entries.joined(separator: ", ") + "]"
        }
    }

    /// Appends ` name="value"`: the name cleaned and cut to 32 bytes, the value escaped.
    static func appendParameter(name: String, value: String, into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: " "))
        var length = 0
        for byte in name.utf8 where length < maximumNameLength {
            buffer.append(isNameByte(byte) ? byte : UInt8(ascii: "_"))
            length += 1
        }
        if length == 0 { buffer.append(UInt8(ascii: "_")) }
        buffer.append(UInt8(ascii: "="))
        buffer.append(UInt8(ascii: "\""))
        appendEscaped(value, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends `value` with `"`, `\` and `]` preceded by a backslash (RFC 5424 section 6.3.3).
    static func appendEscaped(_ value: String, into buffer: inout LogBuffer) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "]") {
                    if index > start { buffer.append(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                    buffer.append(UInt8(ascii: "\\"))
                    start = index
                }
            }
            if bytes.count > start { buffer.append(UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }
}
