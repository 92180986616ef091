/// A typed field's key, with what the writers need to know about it: whether it can be copied
/// as it is, and its first eight bytes for sorting.
///
/// This is how keys are "escaped once": ``RecordFields``' methods are inlined where they are
/// called, and there the key is almost always a string literal, so the compiler works all of this
/// out while compiling the call and a JSON key becomes a copy of constant bytes. Nothing is
/// computed per record for such a key; a key that is not a literal is checked at run time.
///
/// The checks read at most two overlapping words and have no loop: the methods that use them
/// must stay small enough (in the compiler's intermediate form, before constants are folded) to
/// be inlined at every call. Keys longer than ``maximumPlainCount`` bytes take the general path.
@usableFromInline
struct FieldKey {
    @usableFromInline let key: StaticString
    /// Whether the key is an ASCII literal (then compared by its bytes, not as a `String`).
    @usableFromInline let isASCII: Bool
    /// Whether the key's bytes need no escaping, in JSON (printable ASCII other than `"` and `\`)
    /// and so in text too; `false` for keys longer than ``maximumPlainCount``.
    @usableFromInline let isPlain: Bool
    /// The key's first eight bytes, big-endian and zero-padded, when it is an ASCII literal:
    /// comparing two ranks compares the keys' beginnings in byte order.
    @usableFromInline let rank: UInt64

    /// The longest key (and literal value) checked for the fast path: two words.
    @inlinable
    static var maximumPlainCount: Int { 16 }

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
        let (words, plain) = Self.load(key.utf8Start, key.utf8CodeUnitCount)
        isPlain = plain
        rank = words
    }

    /// The first eight bytes of `bytes[0..<count]`, big-endian and zero-padded, and whether all
    /// of at most ``maximumPlainCount`` bytes need no escaping.
    @inlinable @inline(__always)
    static func load(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> (rank: UInt64, isPlain: Bool) {
        let raw = UnsafeRawPointer(bytes)
        if count >= 8 {
            let first = raw.loadUnaligned(as: UInt64.self)
            let last = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            let plain = count <= maximumPlainCount && !SWAR.needsAttention(first) && !SWAR.needsAttention(last)
            return (UInt64(bigEndian: first), plain)
        }
        if count >= 4 {
            let first = raw.loadUnaligned(as: UInt32.self)
            let last = raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            // The last four bytes end at byte `count` of the eight.
            let rank = UInt64(UInt32(bigEndian: first)) &<< 32 | UInt64(UInt32(bigEndian: last)) &<< (64 &- 8 &* count)
            return (rank, !SWAR.needsAttention(UInt64(first) | UInt64(last) &<< 32))
        }
        if count > 0 {
            // One to three bytes: the first, the middle and the last cover them all.
            let middle = count &>> 1
            let a = UInt64(bytes[0])
            let b = UInt64(bytes[middle])
            let c = UInt64(bytes[count &- 1])
            let rank = a &<< 56 | b &<< (56 &- 8 &* middle) | c &<< (64 &- 8 &* count)
            // The three bytes repeated to fill a word: the test looks at every byte.
            let three = a | b &<< 8 | c &<< 16
            return (rank, !SWAR.needsAttention(three | three &<< 24 | three &<< 48))
        }
        return (0, true)
    }

    /// The key's bytes (only for a key with a pointer, such as any ASCII literal).
    @inlinable
    var bytes: UnsafePointer<UInt8> { key.utf8Start }

    /// The key's length in bytes.
    @inlinable
    var count: Int { key.utf8CodeUnitCount }
}

extension FieldKey {
    /// Whether `literal` can be copied into JSON (and text) as it is: an ASCII literal of four to
    /// ``maximumPlainCount`` bytes, none of which needs escaping. Folded to a constant for a
    /// literal known where it is called. (Shorter literals take the general path: a check with
    /// fewer branches keeps its callers small enough to be inlined everywhere.)
    @inlinable @inline(__always)
    static func isPlainLiteral(_ literal: StaticString) -> Bool {
        guard literal.hasPointerRepresentation && literal.isASCII else { return false }
        let count = literal.utf8CodeUnitCount
        let raw = UnsafeRawPointer(literal.utf8Start)
        if count >= 8 {
            let first = raw.loadUnaligned(as: UInt64.self)
            let last = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            return count <= maximumPlainCount && attention(first) | attention(last) == 0
        }
        guard count >= 4 else { return false }
        let first = UInt64(raw.loadUnaligned(as: UInt32.self))
        let last = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
        return attention(first | last &<< 32) == 0
    }

    /// Non-zero when some byte of `word` needs JSON escaping or UTF-8 attention
    /// (``SWAR/needsAttention(_:)`` as a mask, so that two words are tested with one branch).
    @inlinable @inline(__always)
    static func attention(_ word: UInt64) -> UInt64 {
        SWAR.hasLess(word, 0x20) | SWAR.hasByte(word, 0x22) | SWAR.hasByte(word, 0x5C) | SWAR.hasByte(word, 0x7F)
            | (word & SWAR.highs)
    }
}
