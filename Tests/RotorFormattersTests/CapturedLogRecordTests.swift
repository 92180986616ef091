import Foundation
import Logging
import RotorCore
import Testing

@testable import RotorFormatters

/// A value whose description is only known when it is asked for.
private struct Port: CustomStringConvertible, Sendable {
    let number: Int
    var description: String { "port \(number)" }
}

/// A capture formatted by `JSONFormatter` or `TextFormatter` gives the bytes the record itself
/// gives: both formatters are written once over `LogRecordView`.
@Suite struct CapturedLogRecordTests {
    /// Captures `record` for `formatter` and formats the capture.
    private func formatCaptured(_ record: LogRecord, _ formatter: some CapturedRecordFormatter) -> String {
        var capture = LogBuffer()
        let captured = CapturedLogRecord.append(record, including: formatter.capturedParts, to: &capture)
        #expect(captured)
        var line = LogBuffer()
        capture.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { formatter.format(captured: CapturedLogRecord(base), into: &line) }
        }
        return line.text
    }

    /// Checks every record of ``records`` through `formatter`, captured and not.
    private func expectSameBytes(
        _ formatter: some CapturedRecordFormatter, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for record in records {
            var direct = LogBuffer()
            formatter.format(record, into: &direct)
            #expect(formatCaptured(record, formatter) == direct.text, sourceLocation: sourceLocation)
        }
    }

    private func nested(_ depth: Int) -> Logger.MetadataValue {
        depth == 0
            ? .string("bottom")
            : depth.isMultiple(of: 2)
                ? .dictionary(["d\(depth)": nested(depth - 1)]) : .array([nested(depth - 1), "x"])
    }

    /// Bytes that are not UTF-8, made into a `String` (each ill-formed sequence becomes U+FFFD).
    private let invalidUTF8 = String(
        decoding: [0x61, 0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0x62], as: UTF8.self)

    private var records: [LogRecord] {
        var many: Logger.Metadata = [:]
        for index in 0..<40 { many["k\(39 - index)"] = "\(index)" }
        return [
            makeRecord(),
            makeRecord(level: .trace, label: "", message: "", source: ""),
            makeRecord(level: .critical, label: hostileString, message: hostileString, source: hostileString),
            makeRecord(
                label: invalidUTF8, message: invalidUTF8, metadata: [invalidUTF8: .string(invalidUTF8)],
                source: invalidUTF8),
            makeRecord(metadata: ["b": "2", "a": "1", "c": .stringConvertible(Port(number: 8080))]),
            makeRecord(metadata: [
                "nested": .dictionary([
                    "z": "1", "y": .array(["a", .dictionary([:]), .array([])]), "x": .dictionary(["q": "r"]),
                ]),
                "list": .array(["1", .stringConvertible(Port(number: 1)), .string(hostileString)]),
                "empty": .dictionary([:]),
                "none": .array([]),
                hostileString: .string(hostileString),
            ]),
            // Keys whose NFC forms sort differently from their bytes, and keys one is a prefix of.
            makeRecord(metadata: [
                "e\u{301}x": "decomposed", "f": "after", "é": "composed", "ea": "1", "e": "2", "😀": "3", "漢": "4",
            ]),
            makeRecord(metadata: many),
            makeRecord(metadata: ["deep": nested(80)]),
            makeRecord(metadata: ["deep": .array([nested(80)])]),
            makeRecord(metadata: ["deep": nested(63), "deeper": nested(64), "deepest": .array([nested(64)])]),
            // Keys that are the names of fixed fields (flattened JSON moves them aside).
            makeRecord(metadata: ["level": "x", "message": "y", "metadata": ["z": "1"], "a": "b", "timestamp": "t"]),
            makeRecord(error: SampleError()),
            makeRecord(metadata: ["a": "1"], error: CocoaError(.fileNoSuchFile)),
        ] + Logger.Level.allCases.map { makeRecord(level: $0, metadata: ["level": "\($0)"]) }
    }

    @Test(arguments: [JSONFormatter.Fields.all, [], [.source], [.file, .line], [.function]])
    func aCaptureFormatsToTheRecordsBytes(fields: JSONFormatter.Fields) {
        expectSameBytes(JSONFormatter(fields: fields))
        expectSameBytes(JSONFormatter(fields: fields, metadataPlacement: .flattened))
    }

    @Test func customFieldNamesFormatTheSameToo() {
        var names = JSONFormatter.FieldNames()
        names.message = "msg"
        names.metadata = "a"
        expectSameBytes(JSONFormatter(fieldNames: names, metadataPlacement: .flattened))
        expectSameBytes(JSONFormatter(fieldNames: names))
    }

    static let patterns = [
        TextFormatter.defaultPattern,
        "{timestamp}|{level}|{LEVEL}|{label}|{message}|{metadata}|{source}|{file}|{function}|{line}|{error}",
        "{message} {metadata} {error}",
        "[{LEVEL}] {{literal}} {file}:{line} {function} {metadata}{metadata}",
        "{source}",
        "no tokens at all",
    ]

    @Test(arguments: patterns)
    func aTextCaptureFormatsToTheRecordsBytes(pattern: String) throws {
        expectSameBytes(try TextFormatter(pattern: pattern))
        expectSameBytes(try TextFormatter(pattern: pattern, colorMode: .always))
    }

    @Test func otherTimestampStylesFormatTheSameToo() throws {
        let style = try TimestampStyle(utcOffsetSeconds: 5_400, fractionalDigits: 3)
        expectSameBytes(JSONFormatter(timestampStyle: style))
        expectSameBytes(TextFormatter(timestampStyle: style))
    }

    @Test func aCaptureKeepsTheFixedFieldsAndOnlyTheOptionalPartsAskedFor() {
        let record = makeRecord(level: .warning, label: "lbl", message: "msg", source: "Src")
        var capture = LogBuffer()
        #expect(CapturedLogRecord.append(record, including: [.file], to: &capture))
        capture.withUnsafeBytes { bytes in
            let captured = CapturedLogRecord(bytes.baseAddress!)
            #expect(captured.timestamp == record.timestamp)
            #expect(captured.level == .warning)
            #expect(captured.line == 42)
            #expect(captured.label.string == "lbl")
            #expect(captured.message.string == "msg")
            #expect(captured.source.bytes.isEmpty)
            #expect(captured.file.string == "App/main.swift")
            #expect(captured.function.bytes.isEmpty)
            #expect(captured.errorType == nil && captured.errorDescription == nil)
            #expect(captured.metadataView.count == 0)
        }
    }

    @Test func capturesFollowEachOtherInOneBuffer() throws {
        let formatters: [any CapturedRecordFormatter] = [JSONFormatter(), try TextFormatter(pattern: Self.patterns[1])]
        for formatter in formatters {
            var capture = LogBuffer()
            var starts: [Int] = []
            for record in records {
                starts.append(capture.count)
                #expect(CapturedLogRecord.append(record, including: formatter.capturedParts, to: &capture))
            }
            var fromCaptures = LogBuffer()
            var fromRecords = LogBuffer()
            capture.withUnsafeBytes { bytes in
                for start in starts {
                    formatter.format(captured: CapturedLogRecord(bytes.baseAddress! + start), into: &fromCaptures)
                }
            }
            for record in records { formatter.format(record, into: &fromRecords) }
            #expect(fromCaptures.text == fromRecords.text)
        }
    }

    @Test func onlyThePartsAFormatterWritesAreCaptured() throws {
        #expect(JSONFormatter(fields: [.source, .function]).capturedParts == [.source, .function])
        #expect(JSONFormatter(fields: [.line]).capturedParts == [])
        #expect(TextFormatter().capturedParts == [])
        #expect(try TextFormatter(pattern: "{file}:{line} {source}").capturedParts == [.file, .source])
        #expect(try TextFormatter(pattern: "{function}").capturedParts == [.function])
    }
}
