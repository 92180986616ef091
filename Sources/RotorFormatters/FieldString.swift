public import RotorCore

/// Assembles one string field's value from parts, escaping as it goes; see
/// ``RecordFields/string(_:_:)-(_,(FieldString)->Void)``.
///
/// Like ``RecordFields``, it only lives for the closure it is handed to.
public struct FieldString: ~Copyable {
    /// Where the escaped text goes; `nil` when collecting metadata.
    @usableFromInline let output: UnsafeMutablePointer<LogBuffer>?
    /// Whether `output` takes ``TextFormatter`` text rather than the inside of a JSON string.
    @usableFromInline let escapesText: Bool
    /// Where the text goes when there is no `output` (a pointer, like ``RecordFields``'
    /// collected metadata, so the part holds nothing reference-counted).
    @usableFromInline let collected: UnsafeMutablePointer<String>?

    @inlinable
    init(output: UnsafeMutablePointer<LogBuffer>, text: Bool) {
        self.output = output
        self.escapesText = text
        self.collected = nil
    }

    @inlinable
    init(collectingInto text: UnsafeMutablePointer<String>) {
        self.output = nil
        self.escapesText = false
        self.collected = text
    }

    /// Appends a string literal.
    @inlinable @inline(__always)
    public mutating func append(_ part: StaticString) {
        // A literal that needs no escaping (decided while compiling the call) is copied as it is,
        // into JSON and text alike.
        if let output, FieldKey.isPlainLiteral(part) {
            output.pointee.append(part.utf8Start, count: part.utf8CodeUnitCount)
        } else {
            appendEscaped(part)
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
            collected?.pointee += part
        }
    }

    /// Appends an integer in decimal.
    @inlinable @inline(__always)
    public mutating func append(_ number: Int) {
        if let output {
            RecordFields.appendDecimal(number, to: output)
        } else {
            collect(number)
        }
    }

    /// The general path of ``append(_:)-(StaticString)``: a literal that needs escaping, or
    /// collected text.
    @usableFromInline @inline(never)
    func appendEscaped(_ part: StaticString) {
        if let output {
            if escapesText {
                TextEscaper.appendEscaped(part, into: &output.pointee)
            } else {
                JSONEscaper.appendEscaped(part, into: &output.pointee)
            }
        } else {
            collected?.pointee += part.description
        }
    }

    /// Adds `number` to the collected text.
    @usableFromInline @inline(never)
    func collect(_ number: Int) {
        collected?.pointee += String(number)
    }
}
