import Logging
import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

/// A description that is only known when it is asked for.
private struct Described: CustomStringConvertible, Sendable {
    let text: String
    var description: String { text }
}

/// The one-pass writer of swift-log metadata (`JSONMetadataWriter.appendObject(swiftLog:…)`, with
/// its short-string reads) writes what the documented rules give: keys in `String`'s order,
/// values escaped, nesting capped. The expected bytes are built here independently (sorted
/// `Dictionary` entries, the tested `JSONEscaper` for each string), never by the code under test.
@Suite struct SwiftLogMetadataWriterTests {
    /// The JSON the rules give for `metadata` at nesting `level`.
    private func expectedObject(_ metadata: Logger.Metadata, level: Int) -> String {
        guard level <= JSONFormatter.maximumMetadataDepth else { return "\"…\"" }
        let members = metadata.sorted { $0.key < $1.key }.map {
            quoted($0.key) + ":" + expectedValue($0.value, parentLevel: level)
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    private func expectedValue(_ value: Logger.MetadataValue, parentLevel: Int) -> String {
        switch value {
        case .string(let string): return quoted(string)
        case .stringConvertible(let convertible): return quoted(convertible.description)
        case .dictionary(let dictionary): return expectedObject(dictionary, level: parentLevel + 1)
        case .array(let array):
            guard parentLevel < JSONFormatter.maximumMetadataDepth else { return "\"…\"" }
            return "[" + array.map { expectedValue($0, parentLevel: parentLevel + 1) }.joined(separator: ",") + "]"
        }
    }

    private func quoted(_ string: String) -> String {
        var buffer = LogBuffer()
        JSONEscaper.appendEscaped(string, into: &buffer)
        return "\"" + buffer.text + "\""
    }

    /// The writer's bytes, with and without short-string reads, and through the formatter.
    private func expectWritten(
        _ metadata: Logger.Metadata, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = expectedObject(metadata, level: 1)
        for shortStrings in [true, false] {
            var buffer = LogBuffer()
            JSONMetadataWriter.appendObject(swiftLog: metadata, level: 1, shortStrings: shortStrings, into: &buffer)
            #expect(buffer.text == expected, "shortStrings: \(shortStrings)", sourceLocation: sourceLocation)
        }
        var line = LogBuffer()
        JSONFormatter(fields: []).format(makeRecord(message: "m", metadata: metadata), into: &line)
        let written = line.text
        if metadata.isEmpty {
            #expect(!written.contains("\"metadata\""), sourceLocation: sourceLocation)
        } else {
            #expect(written.hasSuffix(",\"metadata\":" + expected + "}\n"), sourceLocation: sourceLocation)
        }
    }

    /// Keys of every kind the writer tells apart: short plain ASCII (small strings), ASCII that
    /// needs escaping, exactly 15, 16 and 17 bytes (small, not small but read into two words,
    /// longer), non-ASCII (composed and decomposed), the empty key, and keys sharing prefixes.
    private static let keyPool: [String] = [
        "", "a", "b", "A", "_", "~", " ", "0", "user_id", "thread", "path", "latency_ms", "level",
        "a\"b", "a\\b", "tab\there", "nul\u{0}", "del\u{7F}", "\u{1F}",
        "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnoq", "abcdefghijklmnopr",
        "request.correlation_id", "request.correlation", "request.", "abcdefgh", "abcdefgha", "abcdefg",
        "é", "e\u{301}", "e\u{301}x", "ex", "ä", "😀", "漢字", "\u{2028}", "key\u{2029}",
        String(repeating: "k", count: 40), String(repeating: "k", count: 39) + "j",
    ]

    /// Values of every kind: short and long strings, escapes, non-ASCII, descriptions, containers.
    private static func randomValue(_ random: inout SplitMix64, depth: Int) -> Logger.MetadataValue {
        switch Int.random(in: 0..<10, using: &random) {
        case 0 where depth < 3:
            return .dictionary(randomMetadata(&random, depth: depth + 1))
        case 1 where depth < 3:
            let count = Int.random(in: 0..<4, using: &random)
            return .array((0..<count).map { _ in randomValue(&random, depth: depth + 1) })
        case 2:
            return .stringConvertible(Described(text: randomText(&random)))
        case 3:
            return .stringConvertible(Int.random(in: -1000...1000, using: &random))
        default:
            return .string(randomText(&random))
        }
    }

    private static func randomText(_ random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return keyPool.randomElement(using: &random)!
        case 1: return hostileString
        case 2:
            // Up to 20 bytes of printable ASCII and the characters that need escaping.
            let alphabet = Array("abc XYZ/09_-.:\"\\\u{0}\u{8}\u{1F}\u{7F}")
            let count = Int.random(in: 0...20, using: &random)
            return String((0..<count).map { _ in alphabet.randomElement(using: &random)! })
        default:
            let count = Int.random(in: 0...24, using: &random)
            return String(
                (0..<count).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random))) })
        }
    }

    private static func randomMetadata(_ random: inout SplitMix64, depth: Int) -> Logger.Metadata {
        let count = Int.random(in: 0...(depth == 0 ? 20 : 5), using: &random)
        var metadata: Logger.Metadata = [:]
        for _ in 0..<count {
            let key = Bool.random(using: &random) ? keyPool.randomElement(using: &random)! : randomText(&random)
            metadata[key] = randomValue(&random, depth: depth)
        }
        return metadata
    }

    @Test func theShortStringLayoutHoldsOnThisPlatform() {
        // Where it does not, the writer is correct but the fast path is not tested here.
        #if _endian(little) && _pointerBitWidth(_64)
        #expect(ShortASCII.layoutHolds)
        #endif
    }

    @Test func aShortASCIIStringIsReadFromItsWords() throws {
        try #require(ShortASCII.layoutHolds)
        var random = SplitMix64(seed: 1)
        for count in 0...15 {
            for _ in 0..<50 {
                let bytes = (0..<count).map { _ in UInt8.random(in: 0...0x7F, using: &random) }
                let string = String(decoding: bytes, as: UTF8.self)
                let short = try #require(ShortASCII(string), "\(bytes)")
                #expect(short.count == count)
                let padded = bytes + [UInt8](repeating: 0, count: 16 - count)
                let head = padded[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                let tail = padded[8..<16].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                #expect(short.head == head && short.tail == tail, "\(bytes)")
                let plain = bytes.withUnsafeBufferPointer {
                    $0.baseAddress.map { JSONEscaper.isPlain($0, count) } ?? true
                }
                #expect(short.isPlain == plain, "\(bytes)")
                var buffer = LogBuffer()
                short.appendQuoted(into: &buffer)
                #expect(buffer.bytes == [0x22] + bytes + [0x22])
            }
        }
    }

    @Test func everyByteAtEveryPositionIsTestedForEscaping() throws {
        try #require(ShortASCII.layoutHolds)
        for count in 1...15 {
            for position in 0..<count {
                for byte in UInt8(0)...0x7F {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: count)
                    bytes[position] = byte
                    let short = try #require(ShortASCII(String(decoding: bytes, as: UTF8.self)))
                    let needsEscaping = byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
                    #expect(short.isPlain == !needsEscaping, "byte \(byte) at \(position) of \(count)")
                }
            }
        }
    }

    @Test func longAndNonASCIIStringsAreNotReadAsShort() throws {
        try #require(ShortASCII.layoutHolds)
        for string in [
            "abcdefghijklmnop", String(repeating: "x", count: 100), "é", "e\u{301}", "😀", "a\u{80}",
            "abcdefghijklmn\u{E9}",
        ] {
            #expect(ShortASCII(string) == nil, "\(string)")
        }
        // A small string made from a longer one (a slice) is read like any other.
        let slice = "prefix-user_id-suffix".dropFirst(7).prefix(7)
        #expect(ShortASCII(String(slice))?.count == 7)
    }

    @Test func emptyAndSingleEntryObjects() {
        expectWritten([:])
        expectWritten(["a": "b"])
        expectWritten(["": ""])
        expectWritten(["k": [:]])
        expectWritten(["k": []])
        expectWritten(["a\"b": "c\\d"])
        expectWritten(["é": "\u{2028}"])
    }

    @Test func keysOfEveryKindSortAsStringsDo() {
        // Every key of the pool at once (more than 16: the sorted-array path), and in groups of
        // up to 16 (the stack path), so that each kind meets each other kind.
        var all: Logger.Metadata = [:]
        for key in Self.keyPool { all[key] = .string(key) }
        expectWritten(all)
        var random = SplitMix64(seed: 2)
        for _ in 0..<400 {
            var metadata: Logger.Metadata = [:]
            let count = Int.random(in: 2...16, using: &random)
            while metadata.count < count { metadata[Self.keyPool.randomElement(using: &random)!] = "v" }
            expectWritten(metadata)
        }
    }

    @Test func randomMetadataIsWrittenByTheRules() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<2_000 { expectWritten(Self.randomMetadata(&random, depth: 0)) }
    }

    @Test func nestingIsCappedAtTheMaximumDepth() {
        for depth in [62, 63, 64, 65, 66, 80] {
            var value: Logger.MetadataValue = "bottom"
            for level in 0..<depth { value = level.isMultiple(of: 2) ? ["a": value, "b": "x"] : [value, "y"] }
            expectWritten(["top": value, "other": "z"])
        }
    }

    @Test func theBenchmarkShapeIsWrittenSorted() {
        for sequence in [0, 7, 99_999, 123_456_789] {
            let metadata: Logger.Metadata = [
                "user_id": "\(sequence)", "thread": "0", "path": "/api/v1/items/123",
                "latency_ms": "\(Double(sequence % 100_000) / 1000)",
            ]
            var buffer = LogBuffer()
            JSONMetadataWriter.appendObject(swiftLog: metadata, level: 1, into: &buffer)
            #expect(
                buffer.text
                    == #"{"latency_ms":"\#(Double(sequence % 100_000) / 1000)","path":"/api/v1/items/123","#
                    + #""thread":"0","user_id":"\#(sequence)"}"#)
        }
    }

    /// The capture of a swift-log record (its strings read from their words when short) formats
    /// to the record's own bytes.
    @Test func aCaptureOfRandomMetadataFormatsToTheRecordsBytes() {
        var random = SplitMix64(seed: 4)
        let formatter = JSONFormatter()
        for _ in 0..<500 {
            let record = makeRecord(
                label: Self.randomText(&random), message: Self.randomText(&random),
                metadata: Self.randomMetadata(&random, depth: 0), source: Self.randomText(&random))
            var direct = LogBuffer()
            formatter.format(record, into: &direct)
            var capture = LogBuffer()
            #expect(CapturedLogRecord.append(record, including: formatter.capturedParts, to: &capture))
            var line = LogBuffer()
            capture.withUnsafeBytes { bytes in
                formatter.format(captured: CapturedLogRecord(bytes.baseAddress!), into: &line)
            }
            #expect(line.text == direct.text)
        }
    }
}
