import RotorCore

/// Writes integers in decimal without creating a `String`.
///
/// Numbers are written two digits per division by 100, and each pair is computed rather than
/// looked up: a table would be a global, initialised lazily, and every use would pay for the
/// check that it is.
enum DecimalWriter {
    /// Writes `value` (`0...99`) as two ASCII digits at `out`.
    @inline(__always)
    static func writeTwoDigits(_ value: Int, to out: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(out).storeBytes(of: twoDigits(value).littleEndian, as: UInt16.self)
    }

    /// `value` (`0...99`) as two ASCII digits in one word, the first digit in the low byte.
    @inline(__always)
    static func twoDigits(_ value: Int) -> UInt16 {
        // value / 10 for 0...99 (exact up to 1 028), with a multiply and a shift.
        let tens = (value &* 103) &>> 10
        let ones = value &- tens &* 10
        return UInt16(truncatingIfNeeded: ones &<< 8 | tens) | 0x3030
    }

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
        while rest >= 100 {
            end &-= 2
            writeTwoDigits(Int(truncatingIfNeeded: rest % 100), to: out + end)
            rest /= 100
        }
        if rest >= 10 {
            writeTwoDigits(Int(truncatingIfNeeded: rest), to: out + (end &- 2))
        } else {
            out[end &- 1] = 0x30 &+ UInt8(truncatingIfNeeded: rest)
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
