import Foundation
import RotorRotation
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Restarts, torn tails and faults injected by the kernel into a `rotor-stress` child, with the
/// system's own tools: `prlimit` (a file-size limit, with SIGXFSZ at its default: fatal) and
/// `strace` (`EIO` injected into every 50th `write(2)`).
@Suite struct RestartAndFaultTests {
    private static let hasPrlimit = FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")
    private static let hasStrace = FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")
    /// ThreadSanitizer's runtime dies under a file-size limit and under ptrace-injected faults.
    private static let underThreadSanitizer = dlsym(nil, "__tsan_init") != nil

    private func records(in dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("app") }.sorted()
    }

    /// Every line of `path` parses as a JSON object.
    private func strictLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"), "\(path) ends inside a line")
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func aTornTailIsCutOffAtOpenAndCounted() throws {
        try withTemporaryDirectory { dir in
            try Data("{\"run\":9,\"thread\":0,\"seq\":0}\n{\"run\":9,\"thr".utf8)
                .write(to: URL(fileURLWithPath: dir + "/app.log"))
            let outcome = try StressBinary.run(["--path", dir + "/app.log", "--records", "3"])
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            #expect(try strictLines(dir + "/app.log").count == 4)
            let figures = try StressBinary.summary(outcome)
            #expect(figures["torn_tails_removed"] as? Int == 1)
            #expect(figures["torn_tail_bytes_removed"] as? Int == 13)
            #expect(outcome.standardError.contains("tornRecordRemoved"))
        }
    }

    @Test(
        .enabled(if: hasPrlimit, "needs prlimit (util-linux)"),
        .disabled(if: underThreadSanitizer, "ThreadSanitizer's runtime cannot run under RLIMIT_FSIZE"))
    func aFileSizeLimitIsACapNotASignal() throws {
        try withTemporaryDirectory { dir in
            // SIGXFSZ left at its default: one write past the limit would kill the child (153).
            let outcome = try StressBinary.shell(
                "exec prlimit --fsize=100000 \"$0\" --path '\(dir)/app.log' --threads 2 --records 5000 --max-size 1000000 --gzip --run-id 4"
            )
            #expect(outcome.exitedCleanly, "status \(outcome.status): \(outcome.standardError)")
            var verifier = LogVerifier(directory: dir)
            verifier.expectedStreams = [StreamKey(run: 4, thread: 0): 5_000, StreamKey(run: 4, thread: 1): 5_000]
            let report = try verifier.verify()
            #expect(report.isClean, "\(report)")
            for name in try records(in: dir) {
                let size = try #require(
                    try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.size] as? Int)
                #expect(size < 100_000, "\(name)")
            }
        }
    }

    @Test(
        .enabled(if: hasStrace, "needs strace"),
        .disabled(if: underThreadSanitizer, "ptrace-injected faults and ThreadSanitizer do not mix"))
    func aTransientIOErrorIsRetriedAtOnce() throws {
        try withTemporaryDirectory { dir in
            let outcome = try StressBinary.shell(
                "exec strace -f -qq -o /dev/null -e trace=write -e inject=write:error=EIO:when=300+50 \"$0\" "
                    + "--path '\(dir)/app.log' --threads 2 --records 20000 --max-size 65536 --ack '\(dir)/ack' --run-id 5"
            )
            #expect(outcome.reason == .exit, "\(outcome.standardError)")
            let figures = try StressBinary.summary(outcome)
            // Each failed write is tried again at once (and the fault hits one call in 50), so
            // nothing is dropped and nothing is torn.
            #expect(figures["records_dropped"] as? Int == 0)
            #expect(figures["records_written"] as? Int == 40_000)
            var verifier = LogVerifier(directory: dir)
            verifier.expectedStreams = [StreamKey(run: 5, thread: 0): 20_000, StreamKey(run: 5, thread: 1): 20_000]
            let report = try verifier.verify()
            #expect(report.isClean, "\(report)")
        }
    }

    /// Short-lived runs across a time boundary: one rotation per boundary, not one per run.
    @Test func realRestartsRotateOncePerPeriod() throws {
        try withTemporaryDirectory { dir in
            // The 2-second periods the runs touched (a slow machine, or ThreadSanitizer, can make
            // runs 2 to 4 cross the next boundary too: each crossing may rotate once, no more).
            var periods: Set<Int> = []
            func period() -> Int { Int(Date().timeIntervalSince1970) / 2 }
            func run(_ id: Int) throws {
                periods.insert(period())
                let outcome = try StressBinary.run(
                    ["--path", dir + "/app.log", "--records", "5", "--interval", "2", "--run-id", "\(id)"])
                periods.insert(period())
                #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            }
            try run(1)  // the period starts now, and is recorded
            usleep(2_100_000)  // the next period
            try run(2)  // rotates once (run 1's records become an archive): a new period
            try run(3)  // same period (well within 2 s): no rotation
            try run(4)
            let naming = TimestampArchiveNaming()
            let archives = try records(in: dir).filter { naming.parse(fileName: $0, base: "app.log") != nil }
            // Normally two periods, so exactly one archive; one per run would be four.
            #expect(
                archives.count >= 1 && archives.count <= max(1, periods.count - 1),
                "\(archives), \(periods.count) periods")
        }
    }
}
