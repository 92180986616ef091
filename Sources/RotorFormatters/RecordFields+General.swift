import Logging
public import RotorCore

/// The out-of-line parts of ``RecordFields``: the value writers the inlined methods call, and the
/// general paths they take when their fast path (a key that needs no escaping, written as JSON or
/// as a text pair that fits on the stack) does not apply: escaped keys, the seventeenth text pair
/// and later ones, and collected metadata.
extension RecordFields {
    /// Writes a decimal integer: a JSON number, or its text.
    @usableFromInline @inline(never)
    static func appendDecimal(_ value: Int, to output: UnsafeMutablePointer<LogBuffer>) {
        DecimalWriter.append(Int64(value), into: &output.pointee)
    }

    /// Writes `value` as a quoted, escaped JSON string, or escaped for text.
    @usableFromInline @inline(never)
    static func appendLiteral(_ value: StaticString, text: Bool, to output: UnsafeMutablePointer<LogBuffer>) {
        if text {
            TextEscaper.appendEscaped(value, into: &output.pointee)
            return
        }
        output.pointee.append(UInt8(ascii: "\""))
        JSONEscaper.appendEscaped(value, into: &output.pointee)
        output.pointee.append(UInt8(ascii: "\""))
    }

    /// Writes `value` as a quoted, escaped JSON string, or escaped for text.
    @usableFromInline @inline(never)
    static func appendString(_ value: String, text: Bool, to output: UnsafeMutablePointer<LogBuffer>) {
        if text {
            TextEscaper.appendEscaped(value, into: &output.pointee)
        } else {
            JSONEscaper.appendQuoted(value, into: &output.pointee)
        }
    }

    /// Writes `value` as a JSON number (``JSONFormatter/appendNumber(_:into:)``), or for text as
    /// its `description`, as the same value in metadata shows.
    @usableFromInline @inline(never)
    static func appendNumber(_ value: Double, text: Bool, to output: UnsafeMutablePointer<LogBuffer>) {
        if !text {
            JSONFormatter.appendNumber(value, into: &output.pointee)
        } else if value.isFinite {
            DoubleWriter.append(value, into: &output.pointee)
        } else {
            output.pointee.append(value.description)
        }
    }

    @usableFromInline @inline(never)
    mutating func writeInt(_ key: FieldKey, _ value: Int) {
        guard let output else { return collect(key, .stringConvertible(value)) }
        appendKey(key, to: output)
        DecimalWriter.append(Int64(value), into: &output.pointee)
        endField(output)
    }

    @usableFromInline @inline(never)
    mutating func writeDouble(_ key: FieldKey, _ value: Double) {
        guard let output else { return collect(key, .stringConvertible(value)) }
        appendKey(key, to: output)
        Self.appendNumber(value, text: textFields != nil, to: output)
        endField(output)
    }

    @usableFromInline @inline(never)
    mutating func writeBool(_ key: FieldKey, _ value: Bool) {
        guard let output else { return collect(key, .stringConvertible(value)) }
        appendKey(key, to: output)
        output.pointee.append(value ? "true" as StaticString : "false")
        endField(output)
    }

    @usableFromInline @inline(never)
    mutating func writeString(_ key: FieldKey, _ value: StaticString) {
        guard let output else { return collect(key, .string(value.description)) }
        appendKey(key, to: output)
        if textFields == nil {
            output.pointee.append(UInt8(ascii: "\""))
            JSONEscaper.appendEscaped(value, into: &output.pointee)
            output.pointee.append(UInt8(ascii: "\""))
        } else {
            TextEscaper.appendEscaped(value, into: &output.pointee)
        }
        endField(output)
    }

    @usableFromInline @inline(never)
    mutating func writeString(_ key: FieldKey, _ value: String) {
        guard let output else { return collect(key, .string(value)) }
        appendKey(key, to: output)
        if textFields == nil {
            JSONEscaper.appendQuoted(value, into: &output.pointee)
        } else {
            TextEscaper.appendEscaped(value, into: &output.pointee)
        }
        endField(output)
    }

    @usableFromInline @inline(never)
    mutating func writeString(_ key: FieldKey, _ build: (inout FieldString) -> Void) {
        guard let output else {
            var text = ""
            withUnsafeMutablePointer(to: &text) { text in
                var part = FieldString(collectingInto: text)
                build(&part)
            }
            return collect(key, .string(text))
        }
        appendKey(key, to: output)
        let json = textFields == nil
        if json { output.pointee.append(UInt8(ascii: "\"")) }
        var part = FieldString(output: output, text: !json)
        build(&part)
        if json { output.pointee.append(UInt8(ascii: "\"")) }
        endField(output)
    }

    /// Stores `value` under `key` in the collected metadata (the path without `output`).
    private func collect(_ key: FieldKey, _ value: Logger.MetadataValue) {
        collected?.pointee[key.key.description] = value
    }

    /// Writes `{"key":` for the first field and `,"key":` for the others, escaping the key; in
    /// text, ` key=`.
    @inline(__always)
    private mutating func appendKey(_ key: FieldKey, to output: UnsafeMutablePointer<LogBuffer>) {
        if let textFields {
            textFields.pointee.begin(key, in: &output.pointee)
            return
        }
        output.pointee.append(count == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
        count &+= 1
        output.pointee.append(UInt8(ascii: "\""))
        JSONEscaper.appendEscaped(key.key, into: &output.pointee)
        output.pointee.append(UInt8(ascii: "\""))
        output.pointee.append(UInt8(ascii: ":"))
    }

    /// Notes where a text field ends.
    @inline(__always)
    private func endField(_ output: UnsafeMutablePointer<LogBuffer>) {
        textFields?.pointee.end(in: &output.pointee)
    }
}
