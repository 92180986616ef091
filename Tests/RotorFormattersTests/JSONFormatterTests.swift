import Foundation
import Logging
import RotorCore
import Testing

@testable import RotorFormatters

@Suite struct JSONFormatterTests {
    @Test func writesTheFixedFieldsInOrder() {
        let line = formattedText(makeRecord(metadata: ["request.id": "abc"]), with: JSONFormatter())
        #expect(
            line == #"{"timestamp":"2026-11-21T14:30:22.123456Z","level":"info","label":"app","message":"hello","#
                + #""metadata":{"request.id":"abc"},"source":"App","file":"App/main.swift","function":"main()","line":42}"#
                + "\n")
    }

    @Test func omitsMetadataWhenEmpty() throws {
        let bytes = formatted(makeRecord(), with: JSONFormatter())
        let object = try parseJSONLine(bytes)
        #expect(object["metadata"] == nil)
        #expect(
            object.keys.sorted() == ["file", "function", "label", "level", "line", "message", "source", "timestamp"])
    }

    @Test func writesEveryLevelAsSwiftLogsRawValue() throws {
        for level in Logger.Level.allCases {
            let object = try parseJSONLine(formatted(makeRecord(level: level), with: JSONFormatter()))
            #expect(object["level"] as? String == level.rawValue)
        }
        #expect(
            Logger.Level.allCases.map(\.rawValue) == [
                "trace", "debug", "info", "notice", "warning", "error", "critical",
            ])
    }

    @Test func writesTheErrorAsTypeAndMessage() throws {
        let object = try parseJSONLine(formatted(makeRecord(error: SampleError()), with: JSONFormatter()))
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["type"] as? String == String(reflecting: SampleError.self))
        #expect((error["type"] as? String)?.hasSuffix(".SampleError") == true)
        #expect(error["message"] as? String == "disk \"full\"\nretry later")
        #expect(error.count == 2)
        let plain = try parseJSONLine(formatted(makeRecord(), with: JSONFormatter()))
        #expect(plain["error"] == nil)
    }

    @Test func usesCustomFieldNames() throws {
        let names = JSONFormatter.FieldNames(
            timestamp: "@timestamp", level: "severity", label: "logger", message: "msg", metadata: "ctx",
            source: "module", file: "src.file", function: "src.function", line: "src.line", error: "err\"or")
        let formatter = JSONFormatter(fieldNames: names)
        let bytes = formatted(makeRecord(metadata: ["a": "1"], error: SampleError()), with: formatter)
        let object = try parseJSONLine(bytes)
        #expect(
            object.keys.sorted() == [
                "@timestamp", "ctx", "err\"or", "logger", "module", "msg", "severity", "src.file", "src.function",
                "src.line",
            ])
        #expect(object["msg"] as? String == "hello")
        #expect(object["src.line"] as? Int == 42)
        #expect((object["ctx"] as? [String: Any])?["a"] as? String == "1")
        #expect(
            String(decoding: bytes, as: UTF8.self).hasPrefix(
                #"{"@timestamp":"2026-11-21T14:30:22.123456Z","severity":"info""#))
    }

    @Test func leavesOutExcludedCallSiteFields() throws {
        let none = try parseJSONLine(formatted(makeRecord(), with: JSONFormatter(fields: [])))
        #expect(none.keys.sorted() == ["label", "level", "message", "timestamp"])
        let some = try parseJSONLine(formatted(makeRecord(), with: JSONFormatter(fields: [.file, .line])))
        #expect(some.keys.sorted() == ["file", "label", "level", "line", "message", "timestamp"])
        #expect(JSONFormatter().fields == .all)
    }

    @Test func writesTimestampsInTheConfiguredStyle() throws {
        let formatter = JSONFormatter(timestampStyle: try TimestampStyle(utcOffsetSeconds: 3600))
        let object = try parseJSONLine(formatted(makeRecord(), with: formatter))
        #expect(object["timestamp"] as? String == "2026-11-21T15:30:22.123456+01:00")
    }

    @Test func hostileStringsInEveryFieldRoundTripExactly() throws {
        struct HostileError: Error, CustomStringConvertible {
            var description: String { hostileString }
        }
        let record = LogRecord(
            timestamp: sampleTimestamp, level: .critical, label: hostileString, message: hostileString,
            metadata: [hostileString: .string(hostileString), "nested": [hostileString: [.string(hostileString)]]],
            source: hostileString, file: hostileString, function: hostileString, line: .max, error: HostileError())
        for formatter in [JSONFormatter(), JSONFormatter(metadataPlacement: .flattened)] {
            let bytes = formatted(record, with: formatter)
            expectOneLine(bytes)
            #expect(!bytes.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F })
            #expect(
                !String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" }
            )
            let object = try parseJSONLine(bytes)
            for field in ["label", "message", "source", "file", "function"] {
                #expect((object[field] as? String).map { Array($0.utf8) } == Array(hostileString.utf8), "\(field)")
            }
            let metadata =
                formatter.metadataPlacement == .nested ? try #require(object["metadata"] as? [String: Any]) : object
            #expect((metadata[hostileString] as? String).map { Array($0.utf8) } == Array(hostileString.utf8))
            let nested = try #require((metadata["nested"] as? [String: Any])?[hostileString] as? [Any])
            #expect((nested.first as? String).map { Array($0.utf8) } == Array(hostileString.utf8))
            #expect(
                ((object["error"] as? [String: Any])?["message"] as? String).map { Array($0.utf8) }
                    == Array(hostileString.utf8))
            #expect(String(decoding: bytes, as: UTF8.self).contains(#","line":18446744073709551615,"#))
        }
    }

    @Test func everySingleScalarMessageRoundTrips() throws {
        let formatter = JSONFormatter(fields: [])
        let scalars =
            (0...0x7F).map { UnicodeScalar(UInt8($0)) }
            + ["\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFF}", "\u{1F600}", "\u{10FFFF}"]
        for scalar in scalars {
            let message = "<" + String(scalar) + ">"
            let bytes = formatted(makeRecord(message: message), with: formatter)
            expectOneLine(bytes)
            let object = try parseJSONLine(bytes)
            #expect(
                (object["message"] as? String).map { Array($0.utf8) } == Array(message.utf8),
                "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func formatsATenMebibyteMessage() throws {
        let chunk = "0123456789abcdef ASCII text, \"quoted\", back\\slash, tab\t, newline\n, é, 😀, \u{2028}."
        let repeats = 10 * 1024 * 1024 / chunk.utf8.count + 1
        let message = String(repeating: chunk, count: repeats)
        #expect(message.utf8.count >= 10 * 1024 * 1024)
        let bytes = formatted(makeRecord(message: message), with: JSONFormatter())
        expectOneLine(bytes)
        let object = try parseJSONLine(bytes)
        let parsed = try #require(object["message"] as? String)
        #expect(parsed.utf8.count == message.utf8.count)
        #expect(parsed == message)
    }

    @Test func appendsToExistingBytesAndFormatsRecordAfterRecord() throws {
        let formatter = JSONFormatter()
        var output = LogBuffer()
        output.append("previous\n")
        for index in 0..<100 {
            formatter.format(makeRecord(message: "record \(index)\n\r"), into: &output)
        }
        let buffer = output.bytes
        let lines = buffer.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(lines.count == 102)
        #expect(lines.last?.isEmpty == true)
        #expect(String(decoding: lines[0], as: UTF8.self) == "previous")
        for index in 0..<100 {
            let object = try parseJSONLine(Array(lines[index + 1]) + [UInt8(ascii: "\n")])
            #expect(object["message"] as? String == "record \(index)\n\r")
        }
    }

    @Test func isSafeToShareBetweenConcurrentTasks() async {
        let formatter = JSONFormatter()
        let record = makeRecord(metadata: ["a": "1", "b": ["c": "2"]])
        let expected = formatted(record, with: formatter)
        let outputs = await withTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var buffer = LogBuffer()
                    for _ in 0..<500 { formatter.format(record, into: &buffer) }
                    return buffer.bytes
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for output in outputs {
            #expect(output == Array(Array(repeating: expected, count: 500).joined()))
        }
    }
}
