import Foundation
import RotorCore
import RotorFormatters
import RotorTestKit
import Testing

@Suite struct JSONNumberTests {
    private func number(_ value: Double) -> String {
        var buffer = LogBuffer()
        JSONFormatter.appendNumber(value, into: &buffer)
        return buffer.text
    }

    private func integer(_ value: some BinaryInteger) -> String {
        var buffer = LogBuffer()
        JSONFormatter.appendInteger(value, into: &buffer)
        return buffer.text
    }

    @Test func writesNonFiniteDoublesAsStrings() {
        #expect(number(.nan) == #""NaN""#)
        #expect(number(-.nan) == #""NaN""#)
        #expect(number(.infinity) == #""Infinity""#)
        #expect(number(-.infinity) == #""-Infinity""#)
    }

    @Test func writesFiniteDoublesInShortestRoundTripForm() {
        #expect(number(0.1) == "0.1")
        #expect(number(1) == "1.0")
        #expect(number(-0.0) == "-0.0")
        #expect(number(1e20) == "1e+20")
        #expect(number(1.5e-7) == "1.5e-07")
        #expect(number(.leastNonzeroMagnitude) == "5e-324")
        #expect(number(.greatestFiniteMagnitude) == "1.7976931348623157e+308")
    }

    @Test func everyFiniteDoubleIsValidJSONAndRoundTrips() throws {
        var generator = SplitMix64(seed: 42)
        var samples: [Double] = [0, -0.0, 1, -1, 0.1, 1e300, -1e-300, .pi, .ulpOfOne, .leastNormalMagnitude]
        for _ in 0..<5_000 {
            let value = Double(bitPattern: generator.next())
            if value.isFinite { samples.append(value) }
        }
        for value in samples {
            let text = number(value)
            #expect(Double(text)?.bitPattern == value.bitPattern, "\(text)")
            // Valid JSON number grammar (RFC 8259 §6); Foundation's parser on Linux is not correctly
            // rounded, so exactness is checked with Swift's own parser above.
            #expect(text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil, "\(text)")
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            #expect(parsed is NSNumber, "\(text)")
        }
    }

    @Test func writesIntegersInDecimal() {
        #expect(integer(0) == "0")
        #expect(integer(7) == "7")
        #expect(integer(-1) == "-1")
        #expect(integer(1_234_567_890) == "1234567890")
        #expect(integer(Int64.min) == "-9223372036854775808")
        #expect(integer(Int64.max) == "9223372036854775807")
        #expect(integer(UInt64.max) == "18446744073709551615")
        #expect(integer(Int8.min) == "-128")
        #expect(integer(UInt(42)) == "42")
        #expect(integer(Int128(UInt64.max) * 4) == "73786976294838206460")
        #expect(integer(Int128.min) == "-170141183460469231731687303715884105728")
    }

    @Test func writesQuotedEscapedStrings() {
        var buffer = LogBuffer()
        JSONFormatter.appendString("a\"b\n", into: &buffer)
        #expect(buffer.text == #""a\"b\n""#)
    }
}
