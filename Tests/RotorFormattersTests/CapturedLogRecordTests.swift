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

/// A capture formatted by `JSONFormatter` gives the bytes the record itself gives.
@Suite struct CapturedLogRecordTests {
    /// Captures `record` for `formatter` and formats the capture.
    private func formatCaptured(_ record: LogRecord, _ formatter: JSONFormatter) -> String {
        var capture = LogBuffer()
        let captured = CapturedLogRecord.append(record, including: formatter.capturedParts, to: &capture)
        #expect(captured)
        var line = LogBuffer()
        capture.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { formatter.format(captured: CapturedLogRecord(base), into: &line) }
        }
        return line.text
    }

    private func nested(_ depth: Int) -> Logger.MetadataValue {
        depth == 0 ? .string("bottom") : depth.isMultiple(of: 2) ? .dictionary(["d\(depth)": nested(depth - 1)]) : .array([nested(depth - 1), "x"])
    }

    private var records: [LogRecord] {
        var many: Logger.Metadata = [:]
        for index in 0..<40 { many["k\(39 - index)"] = "\(index)" }
        return [
            makeRecord(),
            makeRecord(level: .trace, label: "", message: "", source: ""),
            makeRecord(level: .critical, label: hostileString, message: hostileString, source: hostileString),
            makeRecord(metadata: ["b": "2", "a": "1", "c": .stringConvertible(Port(number: 8080))]),
            makeRecord(metadata: [
                "nested": .dictionary(["z": "1", "y": .array(["a", .dictionary([:]), .array([])]), "x": .dictionary(["q": "r"])]),
                "list": .array(["1", .stringConvertible(Port(number: 1)), .string(hostileString)]),
                hostileString: .string(hostileString),
            ]),
            // Keys whose NFC forms sort differently from their bytes, and keys one is a prefix of.
            makeRecord(metadata: ["e\u{301}x": "decomposed", "f": "after", "é": "composed", "ea": "1", "e": "2", "😀": "3", "漢": "4"]),
            makeRecord(metadata: many),
            makeRecord(metadata: ["deep": nested(80)]),
            makeRecord(metadata: ["deep": .array([nested(80)])]),
            makeRecord(error: SampleError()),
            makeRecord(metadata: ["a": "1"], error: CocoaError(.fileNoSuchFile)),
        ] + Logger.Level.allCases.map { makeRecord(level: $0, metadata: ["level": "\($0)"]) }
    }

    @Test(arguments: [JSONFormatter.Fields.all, [], [.source], [.file, .line], [.function]])
    func aCaptureFormatsToTheRecordsBytes(fields: JSONFormatter.Fields) {
        let formatter = JSONFormatter(fields: fields)
        #expect(formatter.formatsCaptures)
        for record in records {
            var direct = LogBuffer()
            formatter.format(record, into: &direct)
            #expect(formatCaptured(record, formatter) == direct.text)
        }
    }

    @Test func otherTimestampStylesFormatTheSameToo() throws {
        let formatter = JSONFormatter(timestampStyle: try TimestampStyle(utcOffsetSeconds: 5_400, fractionalDigits: 3))
        var direct = LogBuffer()
        formatter.format(records[4], into: &direct)
        #expect(formatCaptured(records[4], formatter) == direct.text)
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
            #expect(String(decoding: captured.label, as: UTF8.self) == "lbl")
            #expect(String(decoding: captured.message, as: UTF8.self) == "msg")
            #expect(captured.source.isEmpty)
            #expect(String(decoding: captured.file, as: UTF8.self) == "App/main.swift")
            #expect(captured.function.isEmpty)
            #expect(captured.error == nil)
            #expect(captured.metadata.count == 0)
        }
    }

    @Test func capturesFollowEachOtherInOneBuffer() {
        let formatter = JSONFormatter()
        var capture = LogBuffer()
        var starts: [Int] = []
        for record in records {
            starts.append(capture.count)
            #expect(CapturedLogRecord.append(record, including: formatter.capturedParts, to: &capture))
        }
        var fromCaptures = LogBuffer()
        var fromRecords = LogBuffer()
        capture.withUnsafeBytes { bytes in
            for start in starts { formatter.format(captured: CapturedLogRecord(bytes.baseAddress! + start), into: &fromCaptures) }
        }
        for record in records { formatter.format(record, into: &fromRecords) }
        #expect(fromCaptures.text == fromRecords.text)
    }

    @Test func flattenedMetadataIsNotCaptured() {
        #expect(!JSONFormatter(metadataPlacement: .flattened).formatsCaptures)
        #expect(JSONFormatter(fields: [.source, .function]).capturedParts == [.source, .function])
        #expect(JSONFormatter(fields: [.line]).capturedParts == [])
    }
}
