/// Checks and mends UTF-8 in a formatted message, and finds where a message may be cut.
enum UTF8Repair {
    /// Whether `bytes` is valid UTF-8 (ASCII, the usual case, is checked eight bytes at a time).
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count,
            bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
            index += 8
        }
        while index < bytes.count && bytes[index] < 0x80 { index += 1 }
        guard index < bytes.count else { return true }
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[index...]), as: UTF8.self) != nil
    }

    /// `bytes` with every maximal ill-formed subsequence replaced by U+FFFD (the standard
    /// library's decoding, Unicode section 3.9).
    static func repaired(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// The largest `end <= limit` such that `bytes[start..<end]` does not end inside a UTF-8
    /// sequence: a cut there keeps every character whole.
    static func boundary(_ bytes: UnsafeRawBufferPointer, from start: Int, atMost limit: Int) -> Int {
        guard limit < bytes.count else { return bytes.count }
        var end = limit
        // Step back over continuation bytes to the start of the sequence the cut falls in.
        while end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return end
    }
}
