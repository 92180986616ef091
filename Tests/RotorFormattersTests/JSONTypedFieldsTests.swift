import Foundation
import Logging
import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

/// `JSONFormatter`'s direct path: a literal key's escaping is decided where the field is written
/// (`FieldKey`, folded to constants by the compiler), and the result must be the bytes the
/// general escaping path writes, for every kind of key.
@Suite struct JSONTypedFieldsTests {
    /// The direct line's metadata object, as bytes.
    private func object(_ fields: (inout RecordFields) -> Void) -> String {
        var buffer = LogBuffer()
        JSONFormatter(fields: []).format(
            timestamp: sampleTimestamp, level: .info, label: "api", message: "m", into: &buffer, fields: fields)
        let line = buffer.text
        guard let start = line.range(of: #","metadata":"#) else { return "" }
        return String(line[start.upperBound...].dropLast(2))  // the object, without the line's `}` and `\n`
    }

    /// `"key":` escaped by the public escaper, the general path's reference.
    private func member(_ key: String, _ value: String) -> String {
        var buffer = LogBuffer()
        JSONFormatter.appendString(key, into: &buffer)
        return buffer.text + ":" + value
    }

    private func quoted(_ text: String) -> String {
        var buffer = LogBuffer()
        JSONFormatter.appendString(text, into: &buffer)
        return buffer.text
    }

    @Test func literalKeysOfEveryLengthAndKindMatchTheEscapedReference() throws {
        // Each call site below has its own literal key: short, at the word-size edges, past the
        // sixteen bytes the fast path checks, and needing escapes.
        let written = object { fields in
            fields.int("", 0)
            fields.int("a", 1)
            fields.int("ab", 2)
            fields.int("abc", 3)
            fields.int("abcd", 4)
            fields.int("abcdefg", 7)
            fields.int("abcdefgh", 8)
            fields.int("abcdefghijklmno", 15)
            fields.int("abcdefghijklmnop", 16)
            fields.int("abcdefghijklmnopq", 17)
            fields.int("a key longer than forty bytes in all, really", 44)
            fields.int("quote\"d", -1)
            fields.int("back\\slash", -2)
            fields.int("tab\tkey", -3)
            fields.int("del\u{7F}", -4)
            fields.int("é", -5)
            fields.int("😀", -6)
            fields.int("nul\u{0}", -7)
            fields.int("\u{2028}", -8)
        }
        let keys: [(String, Int)] = [
            ("", 0), ("a", 1), ("ab", 2), ("abc", 3), ("abcd", 4), ("abcdefg", 7), ("abcdefgh", 8),
            ("abcdefghijklmno", 15), ("abcdefghijklmnop", 16), ("abcdefghijklmnopq", 17),
            ("a key longer than forty bytes in all, really", 44), ("quote\"d", -1), ("back\\slash", -2),
            ("tab\tkey", -3), ("del\u{7F}", -4), ("é", -5), ("😀", -6), ("nul\u{0}", -7), ("\u{2028}", -8),
        ]
        #expect(written == "{" + keys.map { member($0.0, String($0.1)) }.joined(separator: ",") + "}")
    }

    @Test func everyValueKindMatchesTheReference() {
        let written = object { fields in
            fields.int("i", .min)
            fields.double("d", 12.345)
            fields.double("n", .nan)
            fields.bool("b", true)
            fields.string("s", "plain")
            fields.string("e", "needs \"escaping\"\n")
            fields.string("long", "a literal value longer than sixteen bytes")
            fields.string("dyn", String(repeating: "x", count: 3) + "\u{2029}")
            fields.string("built") {
                $0.append("/api/v1/items/")
                $0.append(123)
                $0.append("\t")
                $0.append("é")
            }
        }
        let expected = [
            member("i", String(Int.min)), member("d", "12.345"), member("n", #""NaN""#), member("b", "true"),
            member("s", quoted("plain")), member("e", quoted("needs \"escaping\"\n")),
            member("long", quoted("a literal value longer than sixteen bytes")), member("dyn", quoted("xxx\u{2029}")),
            member("built", quoted("/api/v1/items/123\té")),
        ]
        #expect(written == "{" + expected.joined(separator: ",") + "}")
    }

    /// Keys that are not literals where the field is written take the run-time check.
    @Test func keysChosenAtRunTimeMatchTheReference() {
        let keys: [StaticString] = ["user_id", "a", "", "quote\"d", "abcdefghijklmnopq", "é", "abcdefgh"]
        let written = object { fields in
            for (index, key) in keys.enumerated() {
                fields.int(key, index)
                fields.string(key, Self.value(index))
            }
        }
        var expected: [String] = []
        for (index, key) in keys.enumerated() {
            expected.append(member(key.description, String(index)))
            expected.append(member(key.description, quoted(Self.value(index).description)))
        }
        #expect(written == "{" + expected.joined(separator: ",") + "}")
    }

    @inline(never)
    private static func value(_ index: Int) -> StaticString {
        ["v", "needs\"escape", "a value past sixteen bytes", "é"][index % 4]
    }

    @Test func theLineIsValidJSON() throws {
        var buffer = LogBuffer()
        JSONFormatter(fields: []).format(
            timestamp: sampleTimestamp, level: .info, label: "api", message: "request handled", into: &buffer
        ) { fields in
            fields.int("user_id", 123_456)
            fields.int("thread", 0)
            fields.string("path") {
                $0.append("/api/v1/items/")
                $0.append(123)
            }
            fields.double("latency_ms", 12.345)
        }
        let object = try parseJSONLine(buffer.bytes)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["user_id"] as? Int == 123_456)
        #expect(metadata["path"] as? String == "/api/v1/items/123")
        #expect(metadata["latency_ms"] as? Double == 12.345)
        #expect(object["message"] as? String == "request handled")
    }
}

/// `FieldKey`'s loop-free reading of a key: the rank (first eight bytes, big-endian, zero-padded)
/// and whether the key needs no escaping, against a byte-by-byte reference.
@Suite struct FieldKeyTests {
    @Test func ranksAndPlainnessMatchAByteByByteReference() {
        var random = SplitMix64(seed: 44)
        // Mostly printable ASCII, with every kind of byte that needs escaping now and then.
        let specials: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C, 0x7F, 0x80, 0xC3, 0xFF]
        var checked = 0
        for length in 0...24 {
            for _ in 0..<400 {
                var bytes = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
                if length > 0 && random.next() % 3 == 0 {
                    bytes[Int(random.next() % UInt64(length))] = specials[Int(random.next() % UInt64(specials.count))]
                }
                // One more byte after the key: the reads must not depend on it.
                let padded = bytes + [UInt8.random(in: 0...255, using: &random)]
                padded.withUnsafeBufferPointer { buffer in
                    let (rank, plain) = FieldKey.load(buffer.baseAddress!, length)
                    var expectedRank: UInt64 = 0
                    for index in 0..<8 {
                        expectedRank = expectedRank << 8 | UInt64(index < length ? bytes[index] : 0)
                    }
                    let expectedPlain =
                        length <= 16 && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
                    #expect(rank == expectedRank, "\(bytes)")
                    #expect(plain == expectedPlain, "\(bytes)")
                }
                checked += 1
            }
        }
        #expect(checked == 25 * 400)
    }

    @Test func literalsAreReadTheSameWay() {
        #expect(FieldKey("user_id").isPlain)
        #expect(FieldKey("user_id").rank == 0x7573_6572_5F69_6400)
        #expect(FieldKey("latency_ms").rank == 0x6C61_7465_6E63_795F)
        #expect(!FieldKey("quote\"d").isPlain)
        #expect(!FieldKey("é").isASCII && !FieldKey("é").isPlain)
        #expect(FieldKey("").isPlain && FieldKey("").rank == 0)
        #expect(!FieldKey("abcdefghijklmnopq").isPlain && FieldKey("abcdefghijklmnopq").isASCII)
        #expect(FieldKey.isPlainLiteral("/api/v1/items/"))
        #expect(FieldKey.isPlainLiteral("GET "))
        #expect(!FieldKey.isPlainLiteral("GET"))  // under four bytes: the general path
        #expect(!FieldKey.isPlainLiteral("tab\t"))
        #expect(!FieldKey.isPlainLiteral("a literal of seventeen"))
    }
}
