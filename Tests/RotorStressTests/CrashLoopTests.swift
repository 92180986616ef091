import Foundation
import RotorCompression
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@Suite struct CrashLoopTests {
    /// 30 per case in CI; `ROTOR_CRASH_KILLS=300 swift test --filter CrashLoopTests` for a long loop.
    static let kills = ProcessInfo.processInfo.environment["ROTOR_CRASH_KILLS"].flatMap { Int($0) } ?? 30
    static let threads = 4
    static let maxSize: Int64 = 16_384

    /// Without compression, and with gzip running in the background while the kills land (so some
    /// kills interrupt a compression: recovery must leave only intact `.gz` files, never a
    /// generation both plain and compressed, and no temporary file).
    /// And through the asynchronous sink (`--async block`), whose writer thread writes batches.
    @Test(arguments: [(gzip: false, async: false), (gzip: true, async: false), (gzip: true, async: true)])
    func acknowledgedRecordsSurviveRepeatedSIGKILL(gzip: Bool, async: Bool) throws {
        try withTemporaryDirectory { dir in
            var acknowledged: [Int: AckSnapshot] = [:]
            for run in 1...Self.kills {
                acknowledged[run] = try Self.startAndKill(run: run, in: dir, gzip: gzip, async: async)
            }
            // Recovery happens when the file is opened; close waits for the background work.
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: JSONFormatter(), strategy: SizeRotation(maxBytes: Self.maxSize),
                compression: gzip ? GzipCompressor() : nil)
            sink.close()
            if gzip {
                let names = try FileManager.default.contentsOfDirectory(atPath: dir)
                #expect(names.contains { $0.hasSuffix(".log.gz") })
                #expect(
                    !names.contains { $0.hasPrefix("app.") && $0.hasSuffix(".log") && $0 != "app.log" },
                    "an archive was left uncompressed after recovery")
            }

            let report = try LogVerifier(directory: dir, maxFileBytes: Self.maxSize).verify()
            // Per (run, thread): 0...k with no gap, duplicate or step back; no oversize file; no leftover.
            #expect(report.problemCount == 0, "\(report)")
            for (run, ack) in acknowledged.sorted(by: { $0.key < $1.key }) {
                for thread in 0..<Self.threads where ack.lastAcknowledged[thread] >= 0 {
                    let highest = report.streams[StreamKey(run: run, thread: thread)]?.highestSeq ?? -1
                    #expect(
                        highest >= ack.lastAcknowledged[thread],
                        "run \(run) thread \(thread): acknowledged \(ack.lastAcknowledged[thread]), found up to \(highest)"
                    )
                }
            }
            for key in report.streams.keys {
                #expect((1...Self.kills).contains(key.run) && (0..<Self.threads).contains(key.thread), "stray \(key)")
            }
            // A kill can tear the line being written, at the end of the then active file; the next
            // open cuts it off (it was never acknowledged), so no file keeps a torn line.
            #expect(report.tornLines.isEmpty, "\(report.tornLines)")
            let unacknowledged = acknowledged.reduce(0) { sum, entry in
                sum
                    + (0..<Self.threads).reduce(0) { inner, thread in
                        let highest = report.streams[StreamKey(run: entry.key, thread: thread)]?.highestSeq ?? -1
                        return inner + max(0, highest - entry.value.lastAcknowledged[thread])
                    }
            }
            print(
                "crash loop (gzip \(gzip), async \(async)): \(Self.kills) kills, \(report.recordCount) records in \(report.files.count) files, "
                    + "\(report.tornLines.count) torn lines, \(unacknowledged) records written but not yet acknowledged"
            )
        }
    }

    /// Starts `rotor-stress` for `run`, kills it with SIGKILL 50–400 ms later (and not before it
    /// acknowledged a record), and returns what it had acknowledged.
    static func startAndKill(run: Int, in dir: String, gzip: Bool, async: Bool) throws -> AckSnapshot {
        let ackPath = dir + "/ack-\(run)"
        let outputPath = dir + "/output-\(run).txt"
        let process = try StressBinary.launch(
            [
                "--path", dir + "/app.log", "--threads", "\(threads)", "--records", "1000000",
                "--max-size", "\(maxSize)", "--run-id", "\(run)", "--ack", ackPath,
            ] + (gzip ? ["--gzip"] : [])
                + (async ? ["--async", "block", "--flush-every", "100"] : []),
            outputPath: outputPath)
        usleep(UInt32.random(in: 50_000...400_000))
        let patience = ContinuousClock.now + .seconds(30)
        while !AckSnapshot(path: ackPath, threads: threads).hasProgress, process.isRunning,
            ContinuousClock.now < patience
        {
            usleep(1_000)
        }
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        try #require(wasRunning, "run \(run) ended before it was killed: \(output)")
        #expect(
            process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
            "run \(run): \(output)")
        let ack = AckSnapshot(path: ackPath, threads: threads)
        #expect(ack.hasProgress, "run \(run) acknowledged nothing before the kill")
        return ack
    }
}
