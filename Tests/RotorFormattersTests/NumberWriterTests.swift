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

    /// Below 2^21 the digits come from one rounding at nine fraction digits with the trailing
    /// zeros dropped; from 2^21 the digit counts are tried one by one. Both must print what
    /// `description` prints, at the edges of each path too.
    @Test func doublesAtTheEdgesOfTheNineDigitPathMatchDescription() {
        var values: [Double] = [
            0.001, 0.001.nextUp, 0.001.nextDown, 0.002, 0.123456789, 0.1234567891, 1.000000001, 1.0000000001,
            999_999.999999999, 1_048_575.999, 2_097_151.5, 2_097_151.999999999, 2_097_152, 2_097_152.5,
            2_097_152.000001, 2_097_151.999999, 123_456.789, 87.637, 99.999, 100_000, 1e6, 1_999_999.9,
        ]
        var random = SplitMix64(seed: 21)
        for _ in 0..<50_000 {
            // Decimals with up to ten fraction digits around 2^21, and plain bit patterns nearby.
            let digits = Int.random(in: 0...10, using: &random)
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let integer = Double(Int64.random(in: 2_000_000...2_200_000, using: &random))
            values.append(integer + Double(Int64.random(in: 0..<Int64(scale), using: &random)) / scale)
            values.append(
                Double(bitPattern: (2_097_152.0).bitPattern &+ UInt64.random(in: 0..<4096, using: &random) &- 2048))
        }
        for value in values {
            #expect(written(value) == value.description, "\(value)")
            #expect(written(-value) == (-value).description, "\(-value)")
        }
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

    /// Numbers below 10^8 are written as one 8-byte word: every length, the edges of the word,
    /// and records packed one after another (the bytes stored past a short number are overwritten
    /// by what follows, never kept).
    @Test func integersBelowAHundredMillionMatchDescriptionBackToBack() {
        var random = SplitMix64(seed: 17)
        var values: [Int64] = [0, 7, 10, 99_999_999, 100_000_000, 10_000_000, 10_000_001, 12_345_678, 9_999_999]
        values += (0..<20_000).map { Int64($0) }
        values += (0..<20_000).map { _ in Int64.random(in: 0..<100_000_000, using: &random) }
        values += (0..<20_000).map { _ in -Int64.random(in: 0..<100_000_000, using: &random) }
        var buffer = LogBuffer()
        var expected = ""
        for value in values {
            DecimalWriter.append(value, into: &buffer)
            buffer.append(UInt8(ascii: ","))
            expected += String(value) + ","
        }
        #expect(buffer.text == expected)
    }
}
