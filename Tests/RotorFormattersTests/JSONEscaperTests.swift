import Foundation
import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

@Suite struct JSONEscaperTests {
    private func escaped(_ string: String) -> String {
        var buffer = LogBuffer()
        JSONEscaper.appendEscaped(string, into: &buffer)
        return buffer.text
    }

    private func escaped(bytes: [UInt8]) -> [UInt8] {
        var buffer = LogBuffer()
        JSONEscaper.appendEscaped(bytes: bytes, into: &buffer)
        return buffer.bytes
    }

    @Test func usesShortFormsAndLowerCaseHexForControls() {
        #expect(escaped("\"") == #"\""#)
        #expect(escaped("\\") == #"\\"#)
        #expect(escaped("\u{08}\u{09}\u{0A}\u{0C}\u{0D}") == #"\b\t\n\f\r"#)
        #expect(escaped("\u{00}\u{01}\u{1B}\u{1F}") == #"\u0000\u0001\u001b\u001f"#)
        #expect(escaped("\u{7F}") == #"\u007f"#)
        #expect(escaped("a\u{2028}b\u{2029}c") == #"a\u2028b\u2029c"#)
    }

    @Test func escapesEveryASCIIByteExactlyAsSpecified() {
        for byte in UInt8(0)...0x7F {
            let expected: String
            switch byte {
            case 0x08: expected = #"\b"#
            case 0x09: expected = #"\t"#
            case 0x0A: expected = #"\n"#
            case 0x0C: expected = #"\f"#
            case 0x0D: expected = #"\r"#
            case 0x22: expected = #"\""#
            case 0x5C: expected = #"\\"#
            case 0x00..<0x20, 0x7F: expected = "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            default: expected = String(UnicodeScalar(byte))
            }
            let input = "ab" + String(UnicodeScalar(byte)) + "cdefghijk"  // also crosses the 8-byte fast path
            #expect(escaped(input) == "ab" + expected + "cdefghijk", "byte \(byte)")
        }
    }

    @Test func copiesOtherUnicodeUnchanged() {
        let text = "héllo wörld 😀👩‍👩‍👧‍👦 e\u{301} 漢字 \u{85}\u{9B}\u{FEFF}\u{10FFFF} \u{2027}\u{202A}"
        #expect(escaped(text) == text)
        #expect(escaped("") == "")
    }

    @Test func findsSpecialBytesAtEveryPositionOfTheFastPath() {
        for length in 0..<20 {
            for position in 0..<length {
                var scalars = Array(repeating: Character("x"), count: length)
                scalars[position] = "\n"
                let expected = String(scalars).replacingOccurrences(of: "\n", with: "\\n")
                #expect(escaped(String(scalars)) == expected)
                scalars[position] = "\u{2028}"
                #expect(
                    escaped(String(scalars)) == String(scalars).replacingOccurrences(of: "\u{2028}", with: "\\u2028"))
            }
        }
    }

    @Test func replacesInvalidUTF8WithReplacementCharacters() {
        let fffd: [UInt8] = [0xEF, 0xBF, 0xBD]
        let cases: [(input: [UInt8], expected: [UInt8])] = [
            ([0x80], fffd),  // lone continuation byte
            ([0x41, 0xBF, 0x42], [0x41] + fffd + [0x42]),
            ([0xC0, 0xAF], fffd + fffd),  // overlong "/", 2 bytes
            ([0xC1, 0xBF], fffd + fffd),
            ([0xE0, 0x80, 0xAF], fffd + fffd + fffd),  // overlong, 3 bytes
            ([0xF0, 0x80, 0x80, 0xAF], fffd + fffd + fffd + fffd),  // overlong, 4 bytes
            ([0xED, 0xA0, 0x80], fffd + fffd + fffd),  // UTF-16 surrogate D800
            ([0xED, 0xBF, 0xBF], fffd + fffd + fffd),  // surrogate DFFF
            ([0xF4, 0x90, 0x80, 0x80], fffd + fffd + fffd + fffd),  // above U+10FFFF
            ([0xF5, 0x80], fffd + fffd),
            ([0xFE, 0xFF], fffd + fffd),
            ([0x41, 0xE2, 0x82], [0x41] + fffd),  // truncated at the end
            ([0xE2, 0x82, 0x41], fffd + [0x41]),  // truncated before ASCII
            ([0xF0, 0x9F, 0x98], fffd),  // truncated 4-byte emoji
            ([0xF0, 0x9F, 0x98, 0xF0, 0x9F, 0x98, 0x80], fffd + [0xF0, 0x9F, 0x98, 0x80]),
            ([0xC3, 0x0A], fffd + Array(#"\n"#.utf8)),  // truncated, then a control
            ([0xC3, 0x22], fffd + Array(#"\""#.utf8)),
            ([0xE2, 0x80, 0xA8, 0xE2, 0x80], Array(#"\u2028"#.utf8) + fffd),
            ([0xC3, 0xA9, 0xE2, 0x82, 0xAC], [0xC3, 0xA9, 0xE2, 0x82, 0xAC]),  // valid "é€" untouched
        ]
        for (input, expected) in cases {
            let output = escaped(bytes: input)
            #expect(output == expected, "input \(input.map { String($0, radix: 16) })")
            #expect(String(validating: output, as: UTF8.self) != nil)
        }
    }

    @Test func byteEscaperAgreesWithSwiftsDecoderOnRandomBytes() throws {
        var generator = SplitMix64(seed: 0x5EED_0001)
        // Bytes biased towards the interesting ranges: leads, continuations, controls, quotes.
        let palette: [UInt8] = [
            0x00, 0x0A, 0x1F, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x9F, 0xA0, 0xA8, 0xBF,
            0xC0, 0xC2, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let input = (0..<length).map { _ in
                Bool.random(using: &generator)
                    ? palette.randomElement(using: &generator)!
                    : UInt8.random(in: 0...255, using: &generator)
            }
            let output = escaped(bytes: input)
            var viaString = LogBuffer()
            JSONEscaper.appendEscaped(String(decoding: input, as: UTF8.self), into: &viaString)
            #expect(output == viaString.bytes, "input \(input.map { String($0, radix: 16) })")
            let quoted = [UInt8(ascii: "\"")] + output + [UInt8(ascii: "\"")]
            let parsed = try JSONSerialization.jsonObject(with: Data(quoted), options: .fragmentsAllowed) as? String
            #expect(parsed.map { Array($0.utf8) } == Array(String(decoding: input, as: UTF8.self).utf8))
        }
    }

    @Test func escapedOutputOfHostileStringParsesBackExactly() throws {
        var output = LogBuffer()
        output.append(UInt8(ascii: "\""))
        JSONEscaper.appendEscaped(hostileString, into: &output)
        output.append(UInt8(ascii: "\""))
        let buffer = output.bytes
        #expect(!buffer.contains { $0 < 0x20 || $0 == 0x7F })
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(buffer), options: .fragmentsAllowed) as? String)
        #expect(Array(parsed.utf8) == Array(hostileString.utf8))
    }
}
