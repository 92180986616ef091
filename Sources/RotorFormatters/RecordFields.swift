public import Logging
public import RotorCore

/// Writes a record's typed fields (integers, doubles, booleans, static or dynamic strings)
/// straight into the output bytes, with no `String` or `Dictionary` built per record.
///
/// You get one from the direct logging API (`DirectLogger` in RotorSinks), inside a closure:
///
/// ```swift
/// logger.info("request handled") { fields in
///     fields.int("user_id", userID)
///     fields.string("path") { $0.append("/api/v1/items/"); $0.append(itemID) }
///     fields.double("latency_ms", latency)
/// }
/// ```
///
/// With ``JSONFormatter``, fields are written in call order, numbers as JSON numbers. Keys are
/// escaped like any JSON string; give each field a distinct key that differs from the formatter's
/// fixed fields (`timestamp`, `level`, …): the writer does not check, because checking would cost
/// time on every record.
///
/// With ``TextFormatter``, fields are written where `{metadata}` is, exactly as the same fields
/// given as swift-log metadata would be: `key=value` pairs sorted by key, one per key (the last
/// value wins), numbers as their `description`.
///
/// With a formatter that is not a ``TypedFieldFormatter``, the same calls collect ordinary
/// swift-log metadata instead, so every sink accepts direct records, just more slowly.
///
/// The writer only lives for the closure: it is non-copyable, so it cannot be kept afterwards.
public struct RecordFields: ~Copyable {
    /// Where JSON or text goes; `nil` when collecting metadata.
    @usableFromInline let output: UnsafeMutablePointer<LogBuffer>?
    /// The text pairs written so far, when writing text; `nil` when writing JSON.
    @usableFromInline let textFields: UnsafeMutablePointer<TextFieldList>?
    @usableFromInline var metadata: Logger.Metadata
    @usableFromInline var count = 0

    @usableFromInline
    init(json output: UnsafeMutablePointer<LogBuffer>) {
        self.output = output
        self.textFields = nil
        self.metadata = [:]
    }

    /// Writes `key=value` pairs to `output`, noting each in `fields`.
    init(text output: UnsafeMutablePointer<LogBuffer>, fields: UnsafeMutablePointer<TextFieldList>) {
        self.output = output
        self.textFields = fields
        self.metadata = [:]
    }

    @usableFromInline
    init(collectingMetadata: Void) {
        self.output = nil
        self.textFields = nil
        self.metadata = [:]
    }

    /// Collects the fields written by `body` as swift-log metadata (values become strings).
    public static func metadata(_ body: (inout RecordFields) -> Void) -> Logger.Metadata {
        var fields = RecordFields(collectingMetadata: ())
        body(&fields)
        return fields.metadata
    }

    /// Writes an integer field (a JSON number).
    public mutating func int(_ key: StaticString, _ value: Int) {
        if let output {
            appendKey(key, to: output)
            DecimalWriter.append(Int64(value), into: &output.pointee)
            endField(output)
        } else {
            metadata[key.description] = .stringConvertible(value)
        }
    }

    /// Writes a floating-point field (a JSON number; non-finite values as the strings `"NaN"`,
    /// `"Infinity"`, `"-Infinity"`, as ``JSONFormatter/appendNumber(_:into:)`` does).
    public mutating func double(_ key: StaticString, _ value: Double) {
        if let output {
            appendKey(key, to: output)
            if textFields == nil {
                JSONFormatter.appendNumber(value, into: &output.pointee)
            } else if value.isFinite {
                DoubleWriter.append(value, into: &output.pointee)
            } else {
                output.pointee.append(value.description)
            }
            endField(output)
        } else {
            metadata[key.description] = .stringConvertible(value)
        }
    }

    /// Writes a boolean field (a JSON `true` or `false`).
    public mutating func bool(_ key: StaticString, _ value: Bool) {
        if let output {
            appendKey(key, to: output)
            output.pointee.append(value ? "true" as StaticString : "false")
            endField(output)
        } else {
            metadata[key.description] = .stringConvertible(value)
        }
    }

    /// Writes a string field from a string literal.
    public mutating func string(_ key: StaticString, _ value: StaticString) {
        if let output {
            appendKey(key, to: output)
            if textFields == nil {
                output.pointee.append(UInt8(ascii: "\""))
                JSONEscaper.appendEscaped(value, into: &output.pointee)
                output.pointee.append(UInt8(ascii: "\""))
            } else {
                TextEscaper.appendEscaped(value, into: &output.pointee)
            }
            endField(output)
        } else {
            metadata[key.description] = .string(value.description)
        }
    }

    /// Writes a string field. (A string literal picks the `StaticString` overload, which is faster.)
    @_disfavoredOverload
    public mutating func string(_ key: StaticString, _ value: String) {
        if let output {
            appendKey(key, to: output)
            if textFields == nil {
                JSONEscaper.appendQuoted(value, into: &output.pointee)
            } else {
                TextEscaper.appendEscaped(value, into: &output.pointee)
            }
            endField(output)
        } else {
            metadata[key.description] = .string(value)
        }
    }

    /// Writes a string field assembled from parts without creating a `String`, for example a path
    /// with a number in it.
    public mutating func string(_ key: StaticString, _ build: (inout FieldString) -> Void) {
        if let output {
            appendKey(key, to: output)
            let json = textFields == nil
            if json { output.pointee.append(UInt8(ascii: "\"")) }
            var part = FieldString(output: output, text: !json)
            build(&part)
            if json { output.pointee.append(UInt8(ascii: "\"")) }
            endField(output)
        } else {
            var part = FieldString(output: nil, text: false)
            build(&part)
            metadata[key.description] = .string(part.text)
        }
    }

    /// Writes `{"key":` for the first field and `,"key":` for the others; in text, ` key=`.
    @inline(__always)
    private mutating func appendKey(_ key: StaticString, to output: UnsafeMutablePointer<LogBuffer>) {
        if let textFields {
            textFields.pointee.begin(key, in: &output.pointee)
            return
        }
        output.pointee.append(count == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
        count &+= 1
        output.pointee.append(UInt8(ascii: "\""))
        JSONEscaper.appendEscaped(key, into: &output.pointee)
        output.pointee.append(UInt8(ascii: "\""))
        output.pointee.append(UInt8(ascii: ":"))
    }

    /// Notes where a text field ends.
    @inline(__always)
    private func endField(_ output: UnsafeMutablePointer<LogBuffer>) {
        textFields?.pointee.end(in: &output.pointee)
    }
}

/// Assembles one string field's value from parts, escaping as it goes; see
/// ``RecordFields/string(_:_:)-(_,(FieldString)->Void)``.
///
/// Like ``RecordFields``, it only lives for the closure it is handed to.
public struct FieldString: ~Copyable {
    /// Where the escaped text goes; `nil` when collecting metadata into ``text``.
    @usableFromInline let output: UnsafeMutablePointer<LogBuffer>?
    /// Whether `output` takes ``TextFormatter`` text rather than the inside of a JSON string.
    @usableFromInline let escapesText: Bool
    @usableFromInline var text = ""

    @usableFromInline
    init(output: UnsafeMutablePointer<LogBuffer>?, text: Bool) {
        self.output = output
        self.escapesText = text
    }

    /// Appends a string literal.
    public mutating func append(_ part: StaticString) {
        if let output {
            if escapesText {
                TextEscaper.appendEscaped(part, into: &output.pointee)
            } else {
                JSONEscaper.appendEscaped(part, into: &output.pointee)
            }
        } else {
            text += part.description
        }
    }

    /// Appends a string. (A string literal picks the `StaticString` overload, which is faster.)
    @_disfavoredOverload
    public mutating func append(_ part: String) {
        if let output {
            if escapesText {
                TextEscaper.appendEscaped(part, into: &output.pointee)
            } else {
                JSONEscaper.appendEscaped(part, into: &output.pointee)
            }
        } else {
            text += part
        }
    }

    /// Appends an integer in decimal.
    public mutating func append(_ number: Int) {
        if let output {
            DecimalWriter.append(Int64(number), into: &output.pointee)
        } else {
            text += String(number)
        }
    }
}
