import RotorCore

/// Writes a finite `Double` exactly as its `description` does (the shortest digits that read back
/// as the same value), without creating a `String` for the common case.
///
/// The fast path covers magnitudes in `0.001 ..< 1e15` with at most ``maximumFractionDigits``
/// digits after the point — latencies, ratios, sizes. It looks for the fewest fraction digits
/// `k` such that `m / 10^k`, with `m` the nearest integer to `value × 10^k`, reads back as
/// `value`. It only trusts `m` while one unit of `10^-k` is at least four units in the last place
/// of `value`: then at most one `k`-digit decimal lies within half an ulp of `value`, and the
/// rounding of the product cannot pick the wrong one, so the digits equal the shortest
/// round-trip digits that `description` prints. Everything else goes through `description`.
enum DoubleWriter {
    /// The most fraction digits the fast path tries.
    static let maximumFractionDigits = 9

    private static let powersOfTen: [Double] = (0...maximumFractionDigits).map { exponent in
        (0..<exponent).reduce(1.0) { result, _ in result * 10 }
    }
    /// The same powers as integers (each is exact as a `Double`).
    private static let integerPowersOfTen: [UInt64] = powersOfTen.map { UInt64($0) }

    /// Appends a finite `value` as `value.description` would.
    @inline(__always)
    static func append(_ value: Double, into buffer: inout LogBuffer) {
        let magnitude = value.magnitude
        if magnitude >= 0.001 && magnitude < 1e15, let (digits, fractionDigits) = shortestDecimal(magnitude) {
            buffer.appendInPlace(maximumCount: 40) { out in
                write(digits, fractionDigits: fractionDigits, negative: value < 0, to: out)
            }
        } else {
            buffer.append(value.description)
        }
    }

    /// The integer `m` and digit count `k` with `m / 10^k == magnitude` and `k` as small as
    /// possible, or `nil` when the fast path cannot prove it matches `description`.
    @inline(__always)
    static func shortestDecimal(_ magnitude: Double) -> (UInt64, Int)? {
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
