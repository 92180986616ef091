import Foundation
import RotorTestKit
import Testing

@Suite struct LogVerifierTests {
    @Test func acceptsAnIntactSyntheticLog() throws {
        try withTemporaryDirectory { dir in
            let log = SyntheticLog()
            let names = try log.write(into: dir)
            let verifier = LogVerifier(
                directory: dir, maxFileBytes: try SyntheticLog.largestFile(in: dir, names: names),
                expectedStreams: log.expectedStreams, expectedPad: 0)
            let report = try verifier.verify()
            #expect(report.isClean, "\(report)")
            #expect(report.files == names)
            #expect(report.recordCount == 4 * log.recordsPerStream)
            #expect(report.streams.count == 4)
        }
    }

    @Test(arguments: LogMutation.allCases)
    func rejectsADamagedLog(_ mutation: LogMutation) throws {
        try withTemporaryDirectory { dir in
            let log = SyntheticLog()
            let names = try log.write(into: dir)
            let limit = try SyntheticLog.largestFile(in: dir, names: names)
            try mutation.apply(to: dir, names: names)
            let report = try LogVerifier(
                directory: dir, maxFileBytes: limit, expectedStreams: log.expectedStreams, expectedPad: 0
            ).verify()
            #expect(!report.isClean, "\(mutation) went unnoticed")
            #expect(mutation.isDetected(by: report), "\(mutation) not reported as expected:\n\(report)")
        }
    }

    @Test func reportsWhereATornLineSitsAndWhatFollowsIt() throws {
        try withTemporaryDirectory { dir in
            let names = try SyntheticLog().write(into: dir)
            let active = dir + "/" + names[names.count - 1]
            var text = try String(contentsOfFile: active, encoding: .utf8)
            let firstLine = String(text.prefix(while: { $0 != "\n" }))
            text = String(firstLine.prefix(50)) + "\n" + text
            try Data(text.utf8).write(to: URL(fileURLWithPath: active))
            let report = try LogVerifier(directory: dir).verify()
            #expect(report.problemCount == 0, "\(report)")
            let torn = try #require(report.tornLines.first)
            #expect(report.tornLines.count == 1)
            #expect(torn.file == "app.log" && torn.lineNumber == 1 && torn.offset == 0)
            #expect(!torn.isLastLine && !torn.isUnterminated)
            #expect(torn.runBefore == nil && torn.runAfter == 2)
        }
    }

    @Test func acceptsNumbersAndNestedMetadataAsWellAsStrings() throws {
        let nested =
            #"{"timestamp":"t","level":"info","message":"request handled","metadata":"#
            + #"{"run":3,"thread":"1","seq":7,"user_id":7,"path":"/api/v1/items/7","latency":1.5}}"#
        guard case .record(let key, let seq) = RecordShape.parse(Data(nested.utf8), expectedPad: nil) else {
            Issue.record("nested record not accepted")
            return
        }
        #expect(key == StreamKey(run: 3, thread: 1) && seq == 7)
        let fractional = nested.replacingOccurrences(of: #""seq":7"#, with: #""seq":7.5"#)
        #expect(RecordShape.parse(Data(fractional.utf8), expectedPad: nil).run == nil)
        let invalidUTF8 = Data(nested.utf8).map { $0 == UInt8(ascii: "h") ? 0xFF : $0 }
        guard case .unparsable = RecordShape.parse(Data(invalidUTF8), expectedPad: nil) else {
            Issue.record("invalid UTF-8 accepted")
            return
        }
    }
}
