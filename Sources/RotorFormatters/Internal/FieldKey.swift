/// A typed field's key, with what the writers need to know about it: whether it can be copied
/// as it is, and its first eight bytes for sorting.
///
/// This is how keys are "escaped once": ``RecordFields``' methods are inlined where they are
/// called, and there the key is almost always a string literal, so the compiler works all of this
/// out while compiling the call and a JSON key becomes a copy of constant bytes. Nothing is
/// computed per record for such a key; a key that is not a literal is checked at run time.
@usableFromInline
struct FieldKey {
    @usableFromInline let key: StaticString
    /// Whether the key is an ASCII literal (then compared by its bytes, not as a `String`).
    @usableFromInline let isASCII: Bool
    /// Whether the key's bytes need no escaping, in JSON (printable ASCII other than `"` and `\`)
    /// and so in text too.
    @usableFromInline let isPlain: Bool
    /// The key's first eight bytes, big-endian and zero-padded, when it is an ASCII literal:
    /// comparing two ranks compares the keys' beginnings in byte order.
    @usableFromInline let rank: UInt64

    @inlinable @inline(__always)
    init(_ key: StaticString) {
        self.key = key
        let ascii = key.hasPointerRepresentation && key.isASCII
        isASCII = ascii
        guard ascii else {
            isPlain = false
            rank = 0
            return
        }
        let bytes = key.utf8Start
        let count = key.utf8CodeUnitCount
        isPlain = JSONEscaper.isPlain(bytes, count)
        var word: UInt64 = 0
        var index = 0
        while index < 8 {
            word &<<= 8
            if index < count { word |= UInt64(bytes[index]) }
            index &+= 1
        }
        rank = word
    }

    /// The key's bytes (only for a key with a pointer, such as any ASCII literal).
    @inlinable
    var bytes: UnsafePointer<UInt8> { key.utf8Start }

    /// The key's length in bytes.
    @inlinable
    var count: Int { key.utf8CodeUnitCount }
}

extension FieldKey {
    /// Whether `literal` can be copied into JSON (and text) as it is: an ASCII literal with no
    /// byte that needs escaping. Folded to a constant for a literal known where it is called.
    @inlinable @inline(__always)
    static func isPlainLiteral(_ literal: StaticString) -> Bool {
        literal.hasPointerRepresentation && literal.isASCII
            && JSONEscaper.isPlain(literal.utf8Start, literal.utf8CodeUnitCount)
    }
}
