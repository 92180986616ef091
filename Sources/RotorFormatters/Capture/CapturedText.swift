import RotorLibc

/// Text inside a ``CapturedLogRecord``: UTF-8 bytes that were a `String` when they were captured,
/// so they are valid UTF-8. Valid only as long as the capture's memory is.
package struct CapturedText: RecordText {
    /// The UTF-8 bytes.
    package let bytes: UnsafeBufferPointer<UInt8>

    /// Wraps captured bytes.
    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The text as a `String` (a copy).
    package var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    package func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(bytes)
    }

    /// `String`'s `<` on the texts: for ASCII keys that is byte order (a prefix first), compared
    /// in place; other keys are compared as strings, since `<` orders them by their NFC forms.
    @inline(__always)
    package static func sortsBefore(_ lhs: CapturedText, _ rhs: CapturedText) -> Bool {
        guard isASCII(lhs.bytes) && isASCII(rhs.bytes) else { return lhs.string < rhs.string }
        let common = min(lhs.bytes.count, rhs.bytes.count)
        if common > 0, let left = lhs.bytes.baseAddress, let right = rhs.bytes.baseAddress {
            let order = memcmp(left, right, common)
            if order != 0 { return order < 0 }
        }
        return lhs.bytes.count < rhs.bytes.count
    }

    package func isMember(of names: Set<String>) -> Bool { names.contains(string) }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }
}
