import RotorCore

/// Calls `body` with the string's UTF-8 bytes without copying them when the string is native
/// (the usual case); bridged or lazily decoded strings are made contiguous first.
@inline(__always)
func withUTF8Bytes<Result>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = string
    return copy.withUTF8(body)
}

extension LogBuffer {
    /// Appends the bytes of an array, inlined: `append(_: [UInt8])` is a call into RotorCore,
    /// and the formatters' fixed pieces (keys with their punctuation) are short.
    @inline(__always)
    mutating func appendInline(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `bytes[start..<start + count]`, inlined and unchecked (the caller keeps the
    /// range within the array).
    @inline(__always)
    mutating func appendInline(_ bytes: [UInt8], from start: Int, count: Int) {
        bytes.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress { append(base + start, count: count) }
        }
    }

    /// Appends `bytes[start..<end]` in one copy; does nothing for an empty range.
    @inline(__always)
    mutating func appendRun(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        if end > start { append(bytes + start, count: end - start) }
    }
}

/// Byte-parallel tests on eight bytes at a time (SWAR), used to skip runs of bytes that need no
/// escaping. Each test is exact: it is non-zero if and only if some byte matches.
///
/// Usable from inlinable code (``FieldKey`` checks literal keys where they are written, so the
/// compiler can fold the test), hence constants as computed properties rather than stored globals.
@usableFromInline
enum SWAR {
    @inlinable static var ones: UInt64 { 0x0101_0101_0101_0101 }
    @inlinable static var highs: UInt64 { 0x8080_8080_8080_8080 }

    /// Non-zero when some byte of `word` is zero.
    @inlinable @inline(__always)
    static func hasZero(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }

    /// Non-zero when some byte of `word` equals `byte`.
    @inlinable @inline(__always)
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> UInt64 { hasZero(word ^ (ones &* UInt64(byte))) }

    /// Non-zero when some byte of `word` is less than `limit` (`limit <= 128`).
    @inlinable @inline(__always)
    static func hasLess(_ word: UInt64, _ limit: UInt8) -> UInt64 { (word &- ones &* UInt64(limit)) & ~word & highs }

    /// Whether some byte of `word` needs JSON escaping or UTF-8 attention: a C0 control, `"`, `\\`,
    /// DEL, or a byte of a multi-byte sequence.
    @inlinable @inline(__always)
    static func needsAttention(_ word: UInt64) -> Bool {
        (hasLess(word, 0x20) | hasByte(word, 0x22) | hasByte(word, 0x5C) | hasByte(word, 0x7F) | (word & highs)) != 0
    }

    /// Loads eight bytes from any alignment.
    @inlinable @inline(__always)
    static func load(_ bytes: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UnsafeRawPointer(bytes + offset).loadUnaligned(as: UInt64.self)
    }
}
