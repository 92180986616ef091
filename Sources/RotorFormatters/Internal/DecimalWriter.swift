import RotorCore

/// Writes integers in decimal without creating a `String`.
enum DecimalWriter {
    /// Two ASCII digits for each value `0...99`, so numbers are written two digits per division.
    static let digitPairs: [UInt8] = {
        var pairs: [UInt8] = []
        for value in 0..<100 {
            pairs.append(UInt8(0x30 + value / 10))
            pairs.append(UInt8(0x30 + value % 10))
        }
        return pairs
    }()

    /// Appends `value` in decimal.
    @inline(__always)
    static func append(_ value: UInt64, into buffer: inout LogBuffer) {
        if value < 10 {
            buffer.append(0x30 &+ UInt8(truncatingIfNeeded: value))
            return
        }
        buffer.appendInPlace(maximumCount: 20) { out in write(value, to: out) }
    }

    /// Appends `value` in decimal with a leading `-` when negative.
    @inline(__always)
    static func append(_ value: Int64, into buffer: inout LogBuffer) {
        if value < 0 {
            buffer.appendInPlace(maximumCount: 21) { out in
                out[0] = UInt8(ascii: "-")
                return 1 &+ write(value.magnitude, to: out + 1)
            }
        } else {
            append(UInt64(value), into: &buffer)
        }
    }

    /// Writes `value` in decimal at `out` (room for 20 bytes) and returns the number of digits.
    @inline(__always)
    static func write(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let length = digitCount(value)
        var rest = value
        var end = length
        digitPairs.withUnsafeBufferPointer { pairs in
            while rest >= 100 {
                let pair = Int(truncatingIfNeeded: rest % 100) &* 2
                rest /= 100
                end &-= 2
                out[end] = pairs[pair]
                out[end &+ 1] = pairs[pair &+ 1]
            }
            if rest >= 10 {
                let pair = Int(truncatingIfNeeded: rest) &* 2
                out[end &- 2] = pairs[pair]
                out[end &- 1] = pairs[pair &+ 1]
            } else {
                out[end &- 1] = 0x30 &+ UInt8(truncatingIfNeeded: rest)
            }
        }
        return length
    }

    /// The number of decimal digits of `value` (1 for 0).
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var rest = value
        while rest >= 10_000 {
            rest /= 10_000
            count &+= 4
        }
        if rest >= 1000 { return count &+ 3 }
        if rest >= 100 { return count &+ 2 }
        if rest >= 10 { return count &+ 1 }
        return count
    }
}
