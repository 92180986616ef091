import Foundation
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Two `rotor-stress` processes on one rotating path: by default the second is refused with
/// `pathInUse` (and a crashed owner never blocks the next start); with `--shared` both write and
/// rotate together, every record exactly once; the two modes never meet on one path.
@Suite(.serialized) struct MultiProcessTests {
    static let threads = 4
    static let maxSize: Int64 = 16_384

    private func arguments(_ path: String, run: Int, records: Int, shared: Bool = false, gzip: Bool = false) -> [String]
    {
        [
            "--path", path, "--run-id", "\(run)", "--threads", "\(Self.threads)", "--records", "\(records)",
            "--max-size", "\(Self.maxSize)",
        ] + (shared ? ["--shared"] : []) + (gzip ? ["--gzip"] : [])
    }

    private func streams(runs: [Int], records: Int) -> [StreamKey: Int] {
        var streams: [StreamKey: Int] = [:]
        for run in runs {
            for thread in 0..<Self.threads { streams[StreamKey(run: run, thread: thread)] = records }
        }
        return streams
    }

    /// Waits for shared writers (runs 1, 2, … in order), expects each to have written all its
    /// records with no drop and no failure, and removes their output files from the log directory.
    private func finishCleanly(_ children: [HostileChild], names: [String], records: Int, in dir: String) throws {
        for (run, child) in zip(1..., children) {
            let outcome = child.finish()
            #expect(outcome.exitedCleanly, "run \(run): \(outcome.standardError)")
            let summary = try Hostile.summary(outcome)
            #expect(Hostile.figure(summary, "records_written") == Self.threads * records)
            #expect(Hostile.figure(summary, "records_dropped") == 0)
            #expect(Hostile.figure(summary, "failures") == 0, "run \(run): \(summary) \(outcome.standardError)")
        }
        for name in names {
            try? FileManager.default.removeItem(atPath: dir + "/\(name).out")
            try? FileManager.default.removeItem(atPath: dir + "/\(name).err")
        }
    }

    @Test func aSecondProcessIsRefusedWhileTheFirstOwnsThePath() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            let records = 20_000
            let first = try HostileChild(arguments(path, run: 1, records: records), outputIn: dir, name: "a")
            try #require(first.wait { FileManager.default.fileExists(atPath: path) }, "A ended before app.log appeared")
            let started = ContinuousClock.now
            let second = try StressBinary.run(arguments(path, run: 2, records: records))
            let refusal = ContinuousClock.now - started
            let firstWasRunning = first.isRunning
            #expect(second.reason == .exit && second.status == 1, "\(second.standardOutput)\(second.standardError)")
            #expect(second.standardError.contains("pathInUse"), "\(second.standardError)")
            #expect(
                second.standardError.contains("\(first.pid)"), "A's pid \(first.pid) not named: \(second.standardError)"
            )
            #expect(second.standardError.contains(path))
            #expect(refusal < .seconds(5), "B took \(refusal) to be refused")
            #expect(firstWasRunning, "A ended before B was refused: the test proves nothing")

            let outcome = first.finish()
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            let report = try LogVerifier(
                directory: dir, maxFileBytes: Self.maxSize, expectedStreams: streams(runs: [1], records: records)
            ).verify()
            #expect(report.isClean, "\(report)")
        }
    }

    @Test func aKilledOwnerLeavesNoLockBehind() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            let first = try HostileChild(arguments(path, run: 1, records: 1_000_000), outputIn: dir, name: "a")
            try #require(first.wait { Hostile.size(path) > 0 }, "A ended before it wrote")
            usleep(100_000)
            first.kill9()
            #expect(first.process.terminationReason == .uncaughtSignal)

            let records = 2_000
            let next = try StressBinary.run(arguments(path, run: 2, records: records))
            #expect(next.exitedCleanly, "\(next.standardOutput)\(next.standardError)")
            let report = try LogVerifier(directory: dir, maxFileBytes: Self.maxSize).verify()
            // The kill can tear the line being written; recovery ends it with a newline.
            #expect(report.problemCount == 0, "\(report)")
            #expect(report.tornLines.count <= 1, "\(report)")
            for thread in 0..<Self.threads {
                #expect(
                    report.streams[StreamKey(run: 2, thread: thread)]
                        == .init(records: records, highestSeq: records - 1))
            }
        }
    }

    /// Both processes write and rotate one path together. Without compression 4 threads × 20 000
    /// records each; with gzip scaled down to 4 × 6 000 (compressing ~1 000 archives on 2 cores
    /// takes over 10 s).
    @Test(arguments: [false, true])
    func twoSharedProcessesWriteEveryRecordExactlyOnce(gzip: Bool) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            let records = gzip ? 6_000 : 20_000
            let one = try HostileChild(
                arguments(path, run: 1, records: records, shared: true, gzip: gzip), outputIn: dir, name: "one")
            let two = try HostileChild(
                arguments(path, run: 2, records: records, shared: true, gzip: gzip), outputIn: dir, name: "two")
            try finishCleanly([one, two], names: ["one", "two"], records: records, in: dir)
            let report = try LogVerifier(
                directory: dir, maxFileBytes: Self.maxSize, expectedStreams: streams(runs: [1, 2], records: records)
            ).verify()
            #expect(report.isClean, "\(report)")
            if gzip {
                let names = Hostile.entries(dir)
                #expect(names.contains { $0.hasSuffix(".log.gz") })
                let plain = names.filter { $0.hasPrefix("app.") && $0.hasSuffix(".log") && $0 != "app.log" }
                #expect(plain.isEmpty, "archives left uncompressed: \(plain.prefix(5))")
            }
            print("shared\(gzip ? " + gzip" : ""): \(report.recordCount) records in \(report.files.count) files")
        }
    }

    /// Two shared processes whose clocks disagree (one two hours ahead, as after a step of its
    /// clock): the one behind names each archive after the newest archive the other named (it
    /// learns it from the period record when it follows the other's rotation), so archive names
    /// still sort in the order the records were written. Before, it named them after its own last
    /// archive only, and its archives sorted before the other's newer ones.
    @Test func sharedProcessesWithClocksApartKeepArchivesInWriteOrder() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            let records = 10_000
            let ahead = try HostileChild(
                arguments(path, run: 1, records: records, shared: true) + ["--clock-offset", "7200"], outputIn: dir,
                name: "ahead")
            let behind = try HostileChild(
                arguments(path, run: 2, records: records, shared: true), outputIn: dir, name: "behind")
            try finishCleanly([ahead, behind], names: ["ahead", "behind"], records: records, in: dir)
            let report = try LogVerifier(
                directory: dir, maxFileBytes: Self.maxSize, expectedStreams: streams(runs: [1, 2], records: records)
            ).verify()
            #expect(report.isClean, "\(report)")
            // The test proves something only if both processes rotated after the other did.
            #expect(report.files.count > 20, "\(report.files.count) files")
        }
    }

    /// Compression runs in one process at a time (under the archives lock): a shared process that
    /// opens the log while another compresses an archive must leave that compression alone (its
    /// open-time clean-up must not take the other's `.gz.tmp` for a crash leftover).
    @Test func aSharedProcessStartingMidCompressionLeavesTheOthersCompressionAlone() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            // One big plain archive (12 MB), so that compressing it takes a while.
            let seed = try StressBinary.run(
                ["--path", path, "--records", "80000", "--max-size", "12000000", "--run-id", "1"])
            #expect(seed.exitedCleanly, "\(seed.standardError)")
            let archive = try #require(Hostile.entries(dir).first { $0.hasPrefix("app.") && $0.hasSuffix(".001.log") })

            let compressing = try HostileChild(
                ["--path", path, "--records", "2000", "--run-id", "2", "--shared", "--gzip", "--max-size", "12000000"],
                outputIn: dir, name: "compressing")
            try #require(
                compressing.wait(upTo: .seconds(20)) {
                    FileManager.default.fileExists(atPath: dir + "/" + archive + ".gz.tmp")
                },
                "the compression was not seen under way")
            let opening = try StressBinary.run(
                ["--path", path, "--records", "2000", "--run-id", "3", "--shared", "--max-size", "12000000"])
            #expect(opening.exitedCleanly, "\(opening.standardError)")
            let outcome = compressing.finish()
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            #expect(!outcome.standardError.contains("compress failing"), "\(outcome.standardError)")
            #expect(Hostile.figure(try Hostile.summary(outcome), "failures") == 0)
            #expect(FileManager.default.fileExists(atPath: dir + "/" + archive + ".gz"), "\(Hostile.entries(dir))")
            #expect(!FileManager.default.fileExists(atPath: dir + "/" + archive), "the archive was left uncompressed")

            let report = try LogVerifier(
                directory: dir,
                expectedStreams: [
                    StreamKey(run: 1, thread: 0): 80_000, StreamKey(run: 2, thread: 0): 2_000,
                    StreamKey(run: 3, thread: 0): 2_000,
                ]
            ).verify()
            #expect(report.isClean, "\(report)")
        }
    }

    /// A shared writer and an exclusive one never meet on one path, whichever starts first.
    @Test(arguments: [true, false])
    func sharedAndExclusiveProcessesExcludeEachOther(firstShared: Bool) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            let records = 20_000
            let first = try HostileChild(
                arguments(path, run: 1, records: records, shared: firstShared), outputIn: dir, name: "first")
            try #require(
                first.wait { FileManager.default.fileExists(atPath: path) }, "the first ended before app.log appeared")
            let second = try StressBinary.run(arguments(path, run: 2, records: records, shared: !firstShared))
            let firstWasRunning = first.isRunning
            #expect(second.reason == .exit && second.status == 1, "\(second.standardOutput)\(second.standardError)")
            #expect(second.standardError.contains("pathInUse"), "\(second.standardError)")
            if !firstShared {
                #expect(second.standardError.contains("\(first.pid)"), "\(second.standardError)")
            }
            #expect(firstWasRunning, "the first ended before the second was refused: the test proves nothing")
            let outcome = first.finish()
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            for name in ["first.out", "first.err"] { try? FileManager.default.removeItem(atPath: dir + "/" + name) }
            let report = try LogVerifier(
                directory: dir, maxFileBytes: Self.maxSize, expectedStreams: streams(runs: [1], records: records)
            ).verify()
            #expect(report.isClean, "\(report)")
        }
    }
}
