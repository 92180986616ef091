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
    /// Where metadata is collected when there is no `output`. A pointer rather than a stored
    /// dictionary, so that the writer holds nothing reference-counted: making and ending one
    /// on the JSON and text paths costs no dictionary and no release.
    @usableFromInline let collected: UnsafeMutablePointer<Logger.Metadata>?
    @usableFromInline var count = 0

    @usableFromInline
    init(json output: UnsafeMutablePointer<LogBuffer>) {
        self.output = output
        self.textFields = nil
        self.collected = nil
    }

    /// Writes `key=value` pairs to `output`, noting each in `fields`.
    init(text output: UnsafeMutablePointer<LogBuffer>, fields: UnsafeMutablePointer<TextFieldList>) {
        self.output = output
        self.textFields = fields
        self.collected = nil
    }

    @usableFromInline
    init(collectingInto metadata: UnsafeMutablePointer<Logger.Metadata>) {
        self.output = nil
        self.textFields = nil
        self.collected = metadata
    }

    /// Collects the fields written by `body` as swift-log metadata (values become strings).
    public static func metadata(_ body: (inout RecordFields) -> Void) -> Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        withUnsafeMutablePointer(to: &metadata) { metadata in
            var fields = RecordFields(collectingInto: metadata)
            body(&fields)
        }
        return metadata
    }

    /// Writes an integer field (a JSON number).
    @inlinable @inline(__always)
    public mutating func int(_ key: StaticString, _ value: Int) {
        let key = FieldKey(key)
        if let output = beginFastField(key) {
            Self.appendDecimal(value, to: output)
            endFastField(output)
        } else {
            writeInt(key, value)
        }
    }

    /// Writes a floating-point field (a JSON number; non-finite values as the strings `"NaN"`,
    /// `"Infinity"`, `"-Infinity"`, as ``JSONFormatter/appendNumber(_:into:)`` does).
    @inlinable @inline(__always)
    public mutating func double(_ key: StaticString, _ value: Double) {
        let key = FieldKey(key)
        if let output = beginFastField(key) {
            Self.appendNumber(value, text: textFields != nil, to: output)
            endFastField(output)
        } else {
            writeDouble(key, value)
        }
    }

    /// Writes a boolean field (a JSON `true` or `false`).
    @inlinable @inline(__always)
    public mutating func bool(_ key: StaticString, _ value: Bool) {
        let key = FieldKey(key)
        if let output = beginFastField(key) {
            output.pointee.append(value ? "true" as StaticString : "false")
            endFastField(output)
        } else {
            writeBool(key, value)
        }
    }

    /// Writes a string field from a string literal.
    @inlinable @inline(__always)
    public mutating func string(_ key: StaticString, _ value: StaticString) {
        let key = FieldKey(key)
        if let output = beginFastField(key) {
            // The value is checked out of line: checked here too, this method would grow past
            // what the compiler inlines at every call.
            Self.appendLiteral(value, text: textFields != nil, to: output)
            endFastField(output)
        } else {
            writeString(key, value)
        }
    }

    /// Writes a string field. (A string literal picks the `StaticString` overload, which is faster.)
    @inlinable @inline(__always) @_disfavoredOverload
    public mutating func string(_ key: StaticString, _ value: String) {
        let key = FieldKey(key)
        if let output = beginFastField(key) {
            Self.appendString(value, text: textFields != nil, to: output)
            endFastField(output)
        } else {
            writeString(key, value)
        }
    }

    /// Writes a string field assembled from parts without creating a `String`, for example a path
    /// with a number in it.
    @inlinable @inline(__always)
    public mutating func string(_ key: StaticString, _ build: (inout FieldString) -> Void) {
        let key = FieldKey(key)
        if let output = beginFastField(key) {
            let json = textFields == nil
            if json { output.pointee.append(UInt8(ascii: "\"")) }
            var part = FieldString(output: output, text: !json)
            build(&part)
            if json { output.pointee.append(UInt8(ascii: "\"")) }
            endFastField(output)
        } else {
            writeString(key, build)
        }
    }

    /// Starts a field whose key needs no escaping (the usual case, decided while compiling the
    /// call for a literal key), in one piece: in JSON `{"key":` for the first field and
    /// `,"key":` for the others; in text ` key=` (no space for the first), noted for sorting when
    /// it fits on the stack. Returns the output, or `nil` without writing anything: the caller
    /// then takes the general path (escaped keys, many text fields, collected metadata).
    @inlinable @inline(__always)
    mutating func beginFastField(_ key: FieldKey) -> UnsafeMutablePointer<LogBuffer>? {
        guard let output, key.isPlain else { return nil }
        if let textFields {
            return textFields.pointee.beginPlain(key, in: &output.pointee) ? output : nil
        }
        let separator = count == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")
        count &+= 1
        let length = key.count
        output.pointee.appendInPlace(maximumCount: length &+ 4) { out in
            out[0] = separator
            out[1] = UInt8(ascii: "\"")
            UnsafeMutableRawPointer(out + 2).copyMemory(from: key.bytes, byteCount: length)
            out[length &+ 2] = UInt8(ascii: "\"")
            out[length &+ 3] = UInt8(ascii: ":")
            return length &+ 4
        }
        return output
    }

    /// Ends a field ``beginFastField(_:)`` began: in text, notes where its value ends.
    @inlinable @inline(__always)
    func endFastField(_ output: UnsafeMutablePointer<LogBuffer>) {
        textFields?.pointee.endPlain(in: &output.pointee)
    }
}
