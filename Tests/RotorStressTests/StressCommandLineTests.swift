import Foundation
import RotorRotation
import RotorTestKit
import Testing

@testable import rotor_stress

@Suite struct StressCommandLineTests {
    static let badArguments: [[String]] = [
        ["--bogus"],
        ["--threads"],
        ["--threads", "two"],
        ["--threads", "0"],
        ["--records", "-1"],
        ["--max-size", "0"],
        ["--interval", "0.5"],
        ["--pad", "x"],
        ["--async", "sometimes"],
        ["--clock-offset", "soon"],
        ["--clock-offset", "2e9"],
        ["--run-id", "1", "--run-id", "2"],
        ["positional"],
    ]

    @Test(arguments: badArguments)
    func badFlagsExitWithStatus2AndTheUsageLine(_ extra: [String]) throws {
        try withTemporaryDirectory { dir in
            let outcome = try StressBinary.run(["--path", dir + "/app.log"] + extra)
            #expect(outcome.reason == .exit && outcome.status == 2)
            #expect(outcome.standardError.contains("usage: rotor-stress --path FILE"), "\(outcome.standardError)")
            #expect(outcome.standardOutput.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: dir + "/app.log"))
        }
    }

    @Test func aMissingPathIsAUsageError() throws {
        let outcome = try StressBinary.run(["--threads", "2"])
        #expect(outcome.reason == .exit && outcome.status == 2)
        #expect(outcome.standardError.contains("--path FILE is required"))
    }

    @Test(arguments: [["--gzip"], ["--async", "block"], ["--async", "block", "--gzip"]])
    func compressedAndAsynchronousRunsLoseNothing(_ extra: [String]) throws {
        try withTemporaryDirectory { dir in
            let outcome = try StressBinary.run(
                [
                    "--path", dir + "/app.log", "--threads", "2", "--records", "3000", "--max-size", "16384",
                    "--run-id", "5", "--ack", dir + "/ack", "--flush-every", "500",
                ] + extra)
            #expect(outcome.reason == .exit && outcome.status == 0, "\(outcome.standardError)")
            var verifier = LogVerifier(directory: dir, maxFileBytes: 16_384)
            verifier.expectedStreams = [StreamKey(run: 5, thread: 0): 3_000, StreamKey(run: 5, thread: 1): 3_000]
            let report = try verifier.verify()
            #expect(report.problemCount == 0, "\(report)")
            #expect(report.recordCount == 6_000)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            if extra.contains("--gzip") {
                #expect(names.contains { $0.hasSuffix(".log.gz") })
                #expect(!names.contains { $0.hasPrefix("app.") && $0.hasSuffix(".log") && $0 != "app.log" })
            }
        }
    }

    @Test func retentionKeepsTheNewestArchives() throws {
        try withTemporaryDirectory { dir in
            let outcome = try StressBinary.run([
                "--path", dir + "/app.log", "--records", "3000", "--max-size", "8192", "--keep", "3", "--gzip",
            ])
            #expect(outcome.reason == .exit && outcome.status == 0, "\(outcome.standardError)")
            let archives = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".log.gz") }
            #expect(archives.count == 3)
        }
    }

    @Test func aCleanRunPrintsItsFiguresAndAcknowledgesEveryRecord() throws {
        try withTemporaryDirectory { dir in
            let outcome = try StressBinary.run([
                "--path", dir + "/app.log", "--threads", "3", "--records", "2000", "--max-size", "8192",
                "--pad", "40", "--run-id", "9", "--ack", dir + "/ack", "--flush-every", "100",
            ])
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            let lines = outcome.standardOutput.split(separator: "\n")
            try #require(lines.count == 1, "\(outcome.standardOutput)")
            let figures = try #require(
                try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect(figures["records"] as? Int == 6_000)
            #expect(figures["records_written"] as? Int == 6_000)
            #expect(figures["records_dropped"] as? Int == 0)
            #expect((figures["rotations"] as? Int ?? 0) > 0)
            #expect((figures["seconds"] as? Double ?? 0) > 0)
            #expect((figures["records_per_second"] as? Double ?? 0) > 0)
            #expect(figures["complete"] as? Bool == true)
            #expect(
                AckSnapshot(path: dir + "/ack", threads: 3) == AckSnapshot(lastAcknowledged: [1_999, 1_999, 1_999]))
            let expected = Dictionary(uniqueKeysWithValues: (0..<3).map { (StreamKey(run: 9, thread: $0), 2_000) })
            let report = try LogVerifier(
                directory: dir, maxFileBytes: 8192, expectedStreams: expected, expectedPad: 40
            ).verify()
            #expect(report.isClean, "\(report)")
            #expect(report.files.count == (figures["rotations"] as? Int ?? 0) + 1)
        }
    }

    @Test func everyFlagIsParsed() throws {
        let options = try StressOptions.parse([
            "--path", "a.log", "--threads", "8", "--records", "10", "--run-id", "4", "--max-size", "4096",
            "--interval", "2.5", "--gzip", "--keep", "3", "--async", "drop-newest", "--pad", "12", "--ack", "ack",
            "--flush-every", "5", "--clock-offset", "-3600.5",
        ])
        var expected = StressOptions(path: "a.log")
        expected.threads = 8
        expected.records = 10
        expected.runID = 4
        expected.maxSize = 4096
        expected.interval = 2.5
        expected.gzip = true
        expected.keep = 3
        expected.asyncPolicy = .dropNewest
        expected.pad = 12
        expected.ackPath = "ack"
        expected.flushEvery = 5
        expected.clockOffset = -3600.5
        #expect(options == expected)

    }

    @Test func sizeAndIntervalCombineIntoOneStrategy() throws {
        #expect(try StressRun.makeStrategy(maxSize: nil, interval: nil) is NeverRotation)
        #expect(try StressRun.makeStrategy(maxSize: 100, interval: nil) as? SizeRotation == SizeRotation(maxBytes: 100))
        #expect(
            try StressRun.makeStrategy(maxSize: nil, interval: 60) as? TimeRotation == TimeRotation.every(.seconds(60)))
        let both = try #require(try StressRun.makeStrategy(maxSize: 100, interval: 60) as? AnyOfRotation)
        #expect(both.strategies.count == 2)
    }
}
