import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

@Suite struct NumberWriterTests {
    private func written(_ value: Double) -> String {
        var buffer = LogBuffer()
        DoubleWriter.append(value, into: &buffer)
        return buffer.text
    }

    /// The fast path must print exactly what `description` prints: decimals with few digits (the
    /// values logs carry), both signs, the fast path's range edges, and random bit patterns.
    @Test func doublesMatchDescription() {
        var random = SplitMix64(seed: 2026)
        var checked = 0
        var fast = 0
        func check(_ value: Double) {
            guard value.isFinite else { return }
            #expect(written(value) == value.description, "bits \(String(value.bitPattern, radix: 16))")
            checked += 1
            if DoubleWriter.shortestDecimal(value.magnitude) != nil { fast += 1 }
        }
        let edges: [Double] = [
            0, -0.0, 0.001, 0.0009999999999999998, 0.1, 0.2, 0.3, 1, 1.5, 2.675, 123.456, 9.999999999,
            1e15, 999_999_999_999_999.9, 1e15 - 1, 4_503_599_627_370_495.5, 9_007_199_254_740_991,
            .ulpOfOne, 1 + .ulpOfOne, .pi, .leastNormalMagnitude, .greatestFiniteMagnitude,
        ]
        for value in edges {
            check(value)
            check(-value)
        }
        for _ in 0..<200_000 {
            let digits = Int.random(in: 0...10, using: &random)
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let mantissa = Double(Int64.random(in: -10_000_000_000...10_000_000_000, using: &random))
            check(mantissa / scale)
            check(Double(bitPattern: random.next()))
            check(Double.random(in: 0.0005...2e15, using: &random))
        }
        #expect(checked > 500_000)
        #expect(fast > 150_000)  // the fast path really runs for short decimals
        #expect(DoubleWriter.shortestDecimal(12.345)! == (12_345, 3))
        #expect(DoubleWriter.shortestDecimal(0.1 + 0.2) == nil)  // 0.30000000000000004: 17 digits
    }

    @Test func integersMatchDescription() {
        var random = SplitMix64(seed: 7)
        var values: [Int64] = [0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, .max, .min, .min + 1, -1, -10]
        for _ in 0..<100_000 {
            let bits = random.next()
            values.append(Int64(bitPattern: bits) >> Int64(bits % 64))
        }
        for value in values {
            var buffer = LogBuffer()
            DecimalWriter.append(value, into: &buffer)
            #expect(buffer.text == String(value))
            buffer.removeAll()
            DecimalWriter.append(value.magnitude, into: &buffer)
            #expect(buffer.text == String(value.magnitude))
            #expect(DecimalWriter.digitCount(value.magnitude) == String(value.magnitude).count)
        }
    }
}
