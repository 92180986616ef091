public import Logging

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
/// Fields are written in call order. Keys are escaped like any JSON string; give each field a
/// distinct key that differs from the formatter's fixed fields (`timestamp`, `level`, …): the
/// writer does not check, because checking would cost time on every record.
///
/// With a formatter that has no direct path (a ``TypedFieldFormatter``), the same calls collect
/// ordinary swift-log metadata instead, so every sink accepts direct records, just more slowly.
public struct RecordFields {
    @usableFromInline
    enum Mode {
        case json
        case metadata
    }

    @usableFromInline var bytes: [UInt8]
    @usableFromInline var metadata: Logger.Metadata
    @usableFromInline let mode: Mode
    @usableFromInline var count = 0

    @usableFromInline
    init(json bytes: [UInt8]) {
        self.bytes = bytes
        self.metadata = [:]
        self.mode = .json
    }

    @usableFromInline
    init(collectingMetadata: Void) {
        self.bytes = []
        self.metadata = [:]
        self.mode = .metadata
    }

    /// Collects the fields written by `body` as swift-log metadata (values become strings).
    public static func metadata(_ body: (inout RecordFields) -> Void) -> Logger.Metadata {
        var fields = RecordFields(collectingMetadata: ())
        body(&fields)
        return fields.metadata
    }

    /// Writes an integer field (a JSON number).
    public mutating func int(_ key: StaticString, _ value: Int) {
        switch mode {
        case .json:
            appendKey(key)
            DecimalWriter.append(Int64(value), into: &bytes)
        case .metadata:
            metadata[key.description] = .stringConvertible(value)
        }
    }

    /// Writes a floating-point field (a JSON number; non-finite values as the strings `"NaN"`,
    /// `"Infinity"`, `"-Infinity"`, as ``JSONFormatter/appendNumber(_:into:)`` does).
    public mutating func double(_ key: StaticString, _ value: Double) {
        switch mode {
        case .json:
            appendKey(key)
            JSONFormatter.appendNumber(value, into: &bytes)
        case .metadata:
            metadata[key.description] = .stringConvertible(value)
        }
    }

    /// Writes a boolean field (a JSON `true` or `false`).
    public mutating func bool(_ key: StaticString, _ value: Bool) {
        switch mode {
        case .json:
            appendKey(key)
            bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
        case .metadata:
            metadata[key.description] = .stringConvertible(value)
        }
    }

    /// Writes a string field from a string literal.
    public mutating func string(_ key: StaticString, _ value: StaticString) {
        switch mode {
        case .json:
            appendKey(key)
            bytes.append(UInt8(ascii: "\""))
            JSONEscaper.appendEscaped(utf8: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount),
                                      validating: !value.hasPointerRepresentation || !value.isASCII, into: &bytes)
            bytes.append(UInt8(ascii: "\""))
        case .metadata:
            metadata[key.description] = .string(value.description)
        }
    }

    /// Writes a string field. (A string literal picks the `StaticString` overload, which is faster.)
    @_disfavoredOverload
    public mutating func string(_ key: StaticString, _ value: String) {
        switch mode {
        case .json:
            appendKey(key)
            JSONEscaper.appendQuoted(value, into: &bytes)
        case .metadata:
            metadata[key.description] = .string(value)
        }
    }

    /// Writes a string field assembled from parts without creating a `String`, for example a path
    /// with a number in it.
    public mutating func string(_ key: StaticString, _ build: (inout FieldString) -> Void) {
        switch mode {
        case .json:
            appendKey(key)
            bytes.append(UInt8(ascii: "\""))
            // The builder takes the buffer for the duration of `build` (swapped, never copied).
            var part = FieldString(bytes: [], collecting: false)
            swap(&part.bytes, &bytes)
            build(&part)
            swap(&part.bytes, &bytes)
            bytes.append(UInt8(ascii: "\""))
        case .metadata:
            var part = FieldString(bytes: [], collecting: true)
            build(&part)
            metadata[key.description] = .string(part.text)
        }
    }

    @inline(__always)
    private mutating func appendKey(_ key: StaticString) {
        bytes.append(count == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
        count += 1
        bytes.append(UInt8(ascii: "\""))
        JSONEscaper.appendEscaped(utf8: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount),
                                  validating: !key.isASCII, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
}

/// Assembles one string field's value from parts, escaping as it goes; see
/// ``RecordFields/string(_:_:)-(_,(inout FieldString)->Void)``.
public struct FieldString {
    @usableFromInline var bytes: [UInt8]
    @usableFromInline let collecting: Bool
    @usableFromInline var text = ""

    @usableFromInline
    init(bytes: [UInt8], collecting: Bool) {
        self.bytes = bytes
        self.collecting = collecting
    }

    /// Appends a string literal.
    public mutating func append(_ part: StaticString) {
        if collecting { text += part.description; return }
        JSONEscaper.appendEscaped(utf8: UnsafeBufferPointer(start: part.utf8Start, count: part.utf8CodeUnitCount),
                                  validating: !part.isASCII, into: &bytes)
    }

    /// Appends a string. (A string literal picks the `StaticString` overload, which is faster.)
    @_disfavoredOverload
    public mutating func append(_ part: String) {
        if collecting { text += part; return }
        JSONEscaper.appendEscaped(part, into: &bytes)
    }

    /// Appends an integer in decimal.
    public mutating func append(_ number: Int) {
        if collecting { text += String(number); return }
        DecimalWriter.append(Int64(number), into: &bytes)
    }
}
