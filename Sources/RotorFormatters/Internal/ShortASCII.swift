import RotorCore

/// The bytes of a short ASCII `String`, read from the string's own two words without a call.
///
/// A `String` of at most 15 UTF-8 bytes is stored in line (a "small" string): on 64-bit
/// little-endian platforms its first word holds bytes 0..<8 in memory order, its second bytes
/// 8..<15, zero-filled past the end, with the count and the flags (small, ASCII) in its top byte.
/// Metadata keys and most metadata values are such strings. Reading them from the words skips
/// `withContiguousStorageIfAvailable` (a spill of the string to the stack and a closure) and lets
/// a whole key be tested, compared and copied as two integers.
///
/// That layout is the standard library's, not a documented API, so it is checked once
/// (``layoutHolds``) against strings whose bytes are known; where it does not hold, or on
/// another platform, ``init(_:)`` always fails and callers take their general path.
struct ShortASCII {
    /// Bytes 0..<8, the first byte lowest (as in memory).
    let head: UInt64
    /// Bytes 8..<15, zero past ``count``; the top byte is zero.
    let tail: UInt64
    /// The string's length in bytes, 0...15.
    let count: Int

    /// Whether `String`'s words hold small ASCII strings as described, checked once.
    static let layoutHolds: Bool = checkLayout()

    /// Reads `string` when it is small and ASCII; `nil` otherwise. Call only when ``layoutHolds``.
    @inline(__always)
    init?(_ string: String) {
        #if _endian(little) && _pointerBitWidth(_64)
        let words = unsafeBitCast(string, to: (UInt64, UInt64).self)
        // Top nibble 0xE: immortal, ASCII, small (not foreign).
        guard words.1 &>> 60 == 0xE else { return nil }
        head = words.0
        tail = words.1 & 0x00FF_FFFF_FFFF_FFFF
        count = Int(truncatingIfNeeded: (words.1 &>> 56) & 0xF)
        #else
        return nil
        #endif
    }

    /// Whether no byte needs JSON escaping (see `JSONEscaper`): none is a C0 control, `"`, `\`
    /// or DEL (every byte is ASCII).
    @inline(__always)
    var isPlain: Bool {
        // The padding is zero, which the test flags as a control: keep the string's own bytes.
        let bits = UInt64(truncatingIfNeeded: count) &* 8
        let headMask: UInt64 = bits >= 64 ? ~0 : (1 &<< bits) &- 1
        let tailMask: UInt64 = bits <= 64 ? 0 : (1 &<< (bits &- 64)) &- 1
        return Self.flags(head) & headMask | Self.flags(tail) & tailMask == 0
    }

    /// Bytes 0..<8 with the first byte highest: two strings' heads, then tails, then counts
    /// compare as the strings do (byte order, which is `String`'s order for ASCII).
    @inline(__always)
    var sortHigh: UInt64 { head.byteSwapped }

    /// Bytes 8..<16 with the first byte highest.
    @inline(__always)
    var sortLow: UInt64 { tail.byteSwapped }

    /// Appends the string's bytes.
    @inline(__always)
    func append(into buffer: inout LogBuffer) {
        let head = head
        let tail = tail
        let count = count
        buffer.appendInPlace(maximumCount: 16) { out in
            let raw = UnsafeMutableRawPointer(out)
            raw.storeBytes(of: head, as: UInt64.self)
            raw.storeBytes(of: tail, toByteOffset: 8, as: UInt64.self)
            return count
        }
    }

    /// Appends the string's bytes between two `"`.
    @inline(__always)
    func appendQuoted(into buffer: inout LogBuffer) {
        Self.appendQuoted(head: head, tail: tail, count: count, into: &buffer)
    }

    /// Appends `"`, the `count` bytes of `head` and `tail` (``head`` and ``tail`` of a short
    /// string), and `"`.
    @inline(__always)
    static func appendQuoted(head: UInt64, tail: UInt64, count: Int, into buffer: inout LogBuffer) {
        buffer.appendInPlace(maximumCount: 18) { out in
            let raw = UnsafeMutableRawPointer(out)
            raw.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
            raw.storeBytes(of: head, toByteOffset: 1, as: UInt64.self)
            raw.storeBytes(of: tail, toByteOffset: 9, as: UInt64.self)
            raw.storeBytes(of: UInt8(ascii: "\""), toByteOffset: count &+ 1, as: UInt8.self)
            return count &+ 2
        }
    }

    /// Appends the string as a capture does (``CapturedLogRecord``): its count as a `UInt32`,
    /// then its bytes.
    @inline(__always)
    func appendCounted(into buffer: inout LogBuffer) {
        let head = head
        let tail = tail
        let count = count
        buffer.appendInPlace(maximumCount: 20) { out in
            let raw = UnsafeMutableRawPointer(out)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: count), as: UInt32.self)
            raw.storeBytes(of: head, toByteOffset: 4, as: UInt64.self)
            raw.storeBytes(of: tail, toByteOffset: 12, as: UInt64.self)
            return count &+ 4
        }
    }

    /// Appends `tag`, then the string as ``appendCounted(into:)`` does.
    @inline(__always)
    func appendCounted(tag: UInt8, into buffer: inout LogBuffer) {
        let head = head
        let tail = tail
        let count = count
        buffer.appendInPlace(maximumCount: 21) { out in
            let raw = UnsafeMutableRawPointer(out)
            raw.storeBytes(of: tag, as: UInt8.self)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: count), toByteOffset: 1, as: UInt32.self)
            raw.storeBytes(of: head, toByteOffset: 5, as: UInt64.self)
            raw.storeBytes(of: tail, toByteOffset: 13, as: UInt64.self)
            return count &+ 5
        }
    }

    /// The high bit of each byte of `word` (all ASCII) that is a C0 control, `"`, `\` or DEL.
    ///
    /// Exact for every byte: each byte is below 0x80, so no sum below carries into the next byte.
    @inline(__always)
    static func flags(_ word: UInt64) -> UInt64 {
        let control = ~(word &+ 0x6060_6060_6060_6060)  // high bit set where byte < 0x20
        let delete = word &+ 0x0101_0101_0101_0101  // where byte == 0x7F
        let quote = ~((word ^ 0x2222_2222_2222_2222) &+ 0x7F7F_7F7F_7F7F_7F7F)  // where byte == 0x22
        let backslash = ~((word ^ 0x5C5C_5C5C_5C5C_5C5C) &+ 0x7F7F_7F7F_7F7F_7F7F)  // where byte == 0x5C
        return (control | delete | quote | backslash) & SWAR.highs
    }

    /// Reads strings whose bytes are known and checks what ``init(_:)`` makes of them.
    private static func checkLayout() -> Bool {
        #if _endian(little) && _pointerBitWidth(_64)
        guard MemoryLayout<String>.size == 16 else { return false }
        // Built at run time, as strings being logged are.
        for literal in ["", "a", "ab\u{7F}", "abcdefgh", "abcdefghi", "abcdefghijklmno"] {
            let bytes = Array(literal.utf8)
            let sample = String(decoding: bytes, as: UTF8.self)
            let words = unsafeBitCast(sample, to: (UInt64, UInt64).self)
            guard words.1 &>> 60 == 0xE, Int((words.1 &>> 56) & 0xF) == bytes.count else { return false }
            let padded = bytes + Array(repeating: 0, count: 16 - bytes.count)
            let head = padded[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let tail = padded[8..<16].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard words.0 == head, words.1 & 0x00FF_FFFF_FFFF_FFFF == tail else { return false }
        }
        // Longer and non-ASCII strings must not look small and ASCII.
        for sample in [
            "abcdefghijklmnop", String(decoding: [0xC3, 0xA9], as: UTF8.self), String(repeating: "x", count: 40),
        ] {
            let words = unsafeBitCast(sample, to: (UInt64, UInt64).self)
            guard words.1 &>> 60 != 0xE else { return false }
        }
        return true
        #else
        return false
        #endif
    }
}
