import RotorCore

/// Writes a finite `Double` exactly as its `description` does (the shortest digits that read back
/// as the same value), without creating a `String` for the common case.
///
/// The fast paths cover magnitudes in `0.001 ..< 1e15` with at most ``maximumFractionDigits``
/// digits after the point — latencies, ratios, sizes. The answer is the fewest fraction digits
/// `k` such that `m / 10^k`, with `m` the nearest integer to `value × 10^k`, reads back as
/// `value`. It is only trusted while one unit of `10^-k` is at least four units in the last place
/// of `value`: then at most one `k`-digit decimal lies within half an ulp of `value`, and the
/// rounding of the product cannot pick the wrong one, so the digits equal the shortest
/// round-trip digits that `description` prints. Everything else goes through `description`.
///
/// Below 2^21 (``nineDigitLimit``) the condition holds for every `k <= 9` at once, and the search
/// needs no loop: `m₉`, the nearest integer to `value × 10⁹` (below 2^51, so the product is off by
/// at most a quarter and the sum with one half is exact), is `m_k × 10^(9-k)` for the shortest
/// `k`, because `m_k / 10^k` is within half an ulp (≤ 2^-33) of `value`. So `m₉` reads back exactly
/// when some `k <= 9` does, and its digits without their trailing zeros are `m_k`'s. From 2^21 to
/// 1e15 the digit counts are tried one by one, from 0.
enum DoubleWriter {
    /// The most fraction digits the fast paths try.
    static let maximumFractionDigits = 9

    /// 2^21: below it, every fraction digit count up to nine passes the four-ulp condition.
    static let nineDigitLimit = 2_097_152.0

    private static let powersOfTen: [Double] = (0...maximumFractionDigits).map { exponent in
        (0..<exponent).reduce(1.0) { result, _ in result * 10 }
    }
    /// The same powers as integers (each is exact as a `Double`).
    private static let integerPowersOfTen: [UInt64] = powersOfTen.map { UInt64($0) }

    /// Appends a finite `value` as `value.description` would.
    @inline(__always)
    static func append(_ value: Double, into buffer: inout LogBuffer) {
        let magnitude = value.magnitude
        if magnitude >= 0.001 && magnitude < nineDigitLimit {
            let nanos = nineDigitDecimal(magnitude)
            if Double(Int64(bitPattern: nanos)) / 1e9 == magnitude {
                buffer.appendInPlace(maximumCount: 24) { out in
                    writeNineDigitDecimal(nanos, negative: value < 0, to: out)
                }
                return
            }
        } else if magnitude >= nineDigitLimit && magnitude < 1e15,
            let (digits, fractionDigits) = shortestDecimal(magnitude)
        {
            buffer.appendInPlace(maximumCount: 40) { out in
                write(digits, fractionDigits: fractionDigits, negative: value < 0, to: out)
            }
            return
        }
        appendDescription(value, into: &buffer)
    }

    /// The slow path: `description` (a `String`).
    @inline(never)
    static func appendDescription(_ value: Double, into buffer: inout LogBuffer) {
        buffer.append(value.description)
    }

    /// The nearest integer to `magnitude × 10⁹`, for `magnitude` in `0.001 ..< 2^21`.
    @inline(__always)
    static func nineDigitDecimal(_ magnitude: Double) -> UInt64 {
        // Below 2^51, so adding one half is exact; truncation then rounds half up.
        UInt64(truncatingIfNeeded: Int64(magnitude * 1e9 + 0.5))
    }

    /// The integer `m` and digit count `k` with `m / 10^k == magnitude` and `k` as small as
    /// possible, or `nil` when the fast path cannot prove it matches `description`.
    static func shortestDecimal(_ magnitude: Double) -> (UInt64, Int)? {
        if magnitude >= 0.001 && magnitude < nineDigitLimit {
            var nanos = nineDigitDecimal(magnitude)
            guard Double(Int64(bitPattern: nanos)) / 1e9 == magnitude else { return nil }
            var fractionDigits = maximumFractionDigits
            while fractionDigits > 0 && nanos % 10 == 0 {
                nanos /= 10
                fractionDigits -= 1
            }
            return (nanos, fractionDigits)
        }
        let ulp = magnitude.ulp
        return powersOfTen.withUnsafeBufferPointer { powers in
            var k = 0
            while k <= maximumFractionDigits {
                let scale = powers[k]
                guard ulp * scale <= 0.25 else { return nil }
                let product = magnitude * scale
                // magnitude < 1e15 and k <= 9, but the product may still pass 2^53: then integers
                // are no longer exact, so stop.
                guard product < 9_007_199_254_740_992 else { return nil }
                // Round half up by truncation (cheaper than `rounded()`, a libm call); the check
                // below accepts the candidate only if it reads back as the value anyway.
                let candidate = UInt64(truncatingIfNeeded: Int64(product + 0.5))
                if Double(candidate) / scale == magnitude { return (candidate, k) }
                k &+= 1
            }
            return nil
        }
    }

    /// Writes `[-]integer.fraction` for `nanos / 10⁹`: the fraction's nine digits without their
    /// trailing zeros (one `0` when it is zero). Returns the length (at most 18).
    @inline(__always)
    static func writeNineDigitDecimal(_ nanos: UInt64, negative: Bool, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var k = 0
        if negative {
            out[0] = UInt8(ascii: "-")
            k = 1
        }
        k &+= DecimalWriter.write(nanos / 1_000_000_000, to: out + k)
        out[k] = UInt8(ascii: ".")
        let fraction = UInt(truncatingIfNeeded: nanos % 1_000_000_000)
        if fraction == 0 {
            out[k &+ 1] = UInt8(ascii: "0")
            return k &+ 2
        }
        let digits = out + (k &+ 1)
        let high = fraction / 100_000  // the first four digits
        let low = fraction &- high &* 100_000  // the last five
        // Digits 0...7 as one little-endian word, built in a register and stored once.
        let firstEight =
            UInt64(DecimalWriter.twoDigits(Int(bitPattern: high / 100)))
            | UInt64(DecimalWriter.twoDigits(Int(bitPattern: high % 100))) &<< 16
            | UInt64(DecimalWriter.twoDigits(Int(bitPattern: low / 1000))) &<< 32
            | UInt64(DecimalWriter.twoDigits(Int(bitPattern: low / 10 % 100))) &<< 48
        let last = 0x30 &+ UInt8(truncatingIfNeeded: low % 10)
        UnsafeMutableRawPointer(digits).storeBytes(of: firstEight.littleEndian, as: UInt64.self)
        digits[8] = last
        // Drop the trailing zeros: digits 1...8 as one word, less "0" from each byte, have a zero
        // byte for each trailing zero at the top (the first digit is not zero when the rest are).
        // The word is assembled from the registers: read back from memory, it straddled the
        // stores just made, and the load waited for them (a store-forwarding stall, about a
        // sixth of this function's cycles).
        let rest = firstEight &>> 8 | UInt64(last) &<< 56
        let trailingZeros = (rest ^ 0x3030_3030_3030_3030).leadingZeroBitCount &>> 3
        return k &+ 1 &+ 9 &- trailingZeros
    }

    /// Writes `[-]integer.fraction` (at least one digit each side) and returns the length.
    @inline(__always)
    static func write(_ digits: UInt64, fractionDigits: Int, negative: Bool, to out: UnsafeMutablePointer<UInt8>) -> Int
    {
        var k = 0
        if negative {
            out[0] = UInt8(ascii: "-")
            k = 1
        }
        let divisor = integerPowersOfTen.withUnsafeBufferPointer { $0[fractionDigits] }
        k &+= DecimalWriter.write(digits / divisor, to: out + k)
        out[k] = UInt8(ascii: ".")
        k &+= 1
        if fractionDigits == 0 {
            out[k] = UInt8(ascii: "0")
            return k &+ 1
        }
        var fraction = digits % divisor
        var index = k &+ fractionDigits
        while index > k {
            index &-= 1
            out[index] = 0x30 &+ UInt8(truncatingIfNeeded: fraction % 10)
            fraction /= 10
        }
        return k &+ fractionDigits
    }
}
