public import RotorCore

extension JSONFormatter {
    /// Appends `value` as a JSON string: quoted and escaped exactly like the formatter's own fields.
    ///
    /// - Parameters:
    ///   - value: The text to write.
    ///   - buffer: The output buffer.
    public static func appendString(_ value: String, into buffer: inout LogBuffer) {
        JSONEscaper.appendQuoted(value, into: &buffer)
    }

    /// Appends a double as a JSON value.
    ///
    /// Finite values are written as a JSON number in the shortest form that reads back as the same
    /// `Double` (Swift's `description`, for example `0.1`, `1.0`, `1e+20`, `5e-324`, `-0.0`). JSON has
    /// no non-finite numbers, so those are written as **strings**: `"NaN"`, `"Infinity"` and
    /// `"-Infinity"`.
    ///
    /// - Parameters:
    ///   - value: The number to write.
    ///   - buffer: The output buffer.
    public static func appendNumber(_ value: Double, into buffer: inout LogBuffer) {
        if value.isFinite {
            DoubleWriter.append(value, into: &buffer)
        } else if value.isNaN {
            buffer.append(nanString)
        } else if value < 0 {
            buffer.append(negativeInfinityString)
        } else {
            buffer.append(infinityString)
        }
    }

    /// Appends an integer as a JSON number in decimal, without creating a `String` for values that
    /// fit in 64 bits.
    ///
    /// JSON numbers have no range limit, but many readers lose precision above 2^53; write larger
    /// values with ``appendString(_:into:)`` if the reader matters.
    ///
    /// - Parameters:
    ///   - value: The number to write.
    ///   - buffer: The output buffer.
    @inlinable
    public static func appendInteger<Integer: BinaryInteger>(_ value: Integer, into buffer: inout LogBuffer) {
        if let small = Int64(exactly: value) {
            appendInt64(small, into: &buffer)
        } else if let large = UInt64(exactly: value) {
            appendUInt64(large, into: &buffer)
        } else {
            appendDecimalDescription(String(value), into: &buffer)
        }
    }

    @usableFromInline
    static func appendInt64(_ value: Int64, into buffer: inout LogBuffer) {
        DecimalWriter.append(value, into: &buffer)
    }

    @usableFromInline
    static func appendUInt64(_ value: UInt64, into buffer: inout LogBuffer) {
        DecimalWriter.append(value, into: &buffer)
    }

    @usableFromInline
    static func appendDecimalDescription(_ value: String, into buffer: inout LogBuffer) {
        buffer.append(value)
    }

    private static let nanString: [UInt8] = Array("\"NaN\"".utf8)
    private static let infinityString: [UInt8] = Array("\"Infinity\"".utf8)
    private static let negativeInfinityString: [UInt8] = Array("\"-Infinity\"".utf8)
}
