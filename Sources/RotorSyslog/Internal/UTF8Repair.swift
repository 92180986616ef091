/// Checks and mends UTF-8 in place in a formatted message.
enum UTF8Repair {
    /// The replacement character U+FFFD.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// The length of the valid sequence starting at `bytes[index]`, or `nil` if none starts there
    /// (a stray continuation byte, an overlong form, a surrogate, a value over U+10FFFF, or a
    /// sequence cut short by the end).
    static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let count: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: count = 2
        case 0xE0: count = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: count = 3
        case 0xED: count = 3; upper = 0x9F
        case 0xF0: count = 4; lower = 0x90
        case 0xF1...0xF3: count = 4
        case 0xF4: count = 4; upper = 0x8F
        default: return nil
        }
        guard index + count <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= lower && second <= upper else { return nil }
        for offset in 2..<count where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return count
    }

    /// Whether `bytes` is valid UTF-8 (ASCII is checked eight bytes at a time).
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count,
            bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
            index += 8
        }
        while index < bytes.count {
            guard let length = sequenceLength(bytes, at: index) else { return false }
            index += length
        }
        return true
    }

    /// `bytes` with every invalid sequence replaced by U+FFFD (one per maximal invalid prefix, as
    /// `String(decoding:as:)` does).
    static func repaired(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            if let length = sequenceLength(bytes, at: index) {
                output.append(contentsOf: bytes[index..<index + length])
                index += length
            } else {
                output.append(contentsOf: replacement)
                index += 1
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            }
        }
        return output
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
