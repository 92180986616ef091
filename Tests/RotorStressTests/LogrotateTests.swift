import Foundation
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Real logrotate (Debian's package, installed by `.ci/run`) against a live `rotor-stress` writer,
/// with the stanzas the "Rotor and logrotate" article describes: with `delaycompress`, every record
/// exactly once across the active file and every rotated file; without it (a race with gzip), no
/// duplicate, no torn line and at most a handful lost. Never a torn line.
/// The logrotate binary, if installed.
let logrotateBinary = ["/usr/sbin/logrotate", "/usr/bin/logrotate"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

@Suite(.serialized, .enabled(if: logrotateBinary != nil, "needs logrotate (apt-get install logrotate)"))
struct LogrotateTests {
    enum Stanza: String, CaseIterable, CustomStringConvertible {
        /// `postrotate` sends SIGHUP; the writer reopens at once (`--reopen-on-hup`).
        case postrotateHangup
        /// The same, with `delaycompress`: the recommended stanza.
        case postrotateHangupDelayCompress
        /// No signal: `delaycompress` leaves the renamed file alone until the next rotation, by
        /// which time Rotor has noticed the rename (within one second) and moved on.
        case delayCompress

        var description: String { rawValue }

        /// Whether no record can be lost: with `delaycompress`, gzip never reads a file a writer
        /// may still be in. Without it, the reopen races logrotate's gzip.
        var isLossless: Bool { self != .postrotateHangup }

        func configuration(for log: String, writer: Int32) -> String {
            // `|| true`: the writer may finish between the test's check and logrotate's script.
            let hangup = "    postrotate\n        kill -HUP \(writer) || true\n    endscript\n"
            let body: String =
                switch self {
                case .postrotateHangup: "    compress\n" + hangup
                case .postrotateHangupDelayCompress: "    compress\n    delaycompress\n" + hangup
                case .delayCompress: "    compress\n    delaycompress\n"
                }
            return "\(log) {\n    rotate 1000\n    create\n    missingok\n\(body)}\n"
        }

        /// Seconds between two rotations: more than Rotor's one-second detection bound when no
        /// signal tells it.
        var period: Double { self == .delayCompress ? 1.6 : 0.5 }
    }

    @Test(arguments: Stanza.allCases)
    func everyRecordOnceUnderLogrotate(_ stanza: Stanza) throws {
        try withTemporaryDirectory { dir in
            let log = dir + "/app.log"
            let threads = 2, records = 2_500, rate = 500  // five seconds
            let child = try HostileChild(
                [
                    "--path", log, "--threads", "\(threads)", "--records", "\(records)", "--rate", "\(rate)",
                    "--run-id", "1",
                ] + (stanza == .delayCompress ? [] : ["--reopen-on-hup"]),
                outputIn: dir, name: "writer")
            try #require(child.wait { FileManager.default.fileExists(atPath: log) }, "the writer did not start")
            let configuration = dir + "/logrotate.conf"
            try Data(stanza.configuration(for: log, writer: child.pid).utf8).write(
                to: URL(fileURLWithPath: configuration))
            var rotations = 0
            while child.isRunning {
                usleep(UInt32(stanza.period * 1_000_000))
                guard child.isRunning else { break }
                let outcome = try StressBinary.collect(
                    URL(fileURLWithPath: try #require(logrotateBinary)),
                    ["-f", "-s", dir + "/logrotate.state", configuration])
                #expect(outcome.exitedCleanly, "logrotate: \(outcome.standardError)")
                rotations += 1
            }
            let outcome = child.finish()
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            #expect(rotations >= 3)

            var seen: [Int: Set<Int>] = [:]
            var duplicates = 0
            var torn = 0
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasPrefix("app.log") {
                let data = try #require(
                    name.hasSuffix(".gz")
                        ? ParsedLogFile.decompress(dir + "/" + name)
                        : FileManager.default.contents(atPath: dir + "/" + name),
                    "\(name) unreadable")
                for line in data.split(separator: UInt8(ascii: "\n")) {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                        let thread = RecordShape.integer(object["thread"]), let seq = RecordShape.integer(object["seq"])
                    else {
                        torn += 1
                        continue
                    }
                    if !seen[thread, default: []].insert(seq).inserted { duplicates += 1 }
                }
            }
            #expect(torn == 0)
            #expect(duplicates == 0)
            let listing = (try? FileManager.default.contentsOfDirectory(atPath: dir).sorted()) ?? []
            for thread in 0..<threads {
                let found = seen[thread]?.count ?? 0
                if stanza.isLossless {
                    #expect(
                        found == records,
                        "thread \(thread): \(found) of \(records) records; files \(listing); \(outcome.standardError)")
                } else {
                    // gzip may read the renamed file before the signal's reopen lands (a race the
                    // article describes): a handful at most, under load.
                    #expect(found >= records - records / 100, "thread \(thread): \(found) of \(records) records")
                }
            }
            let summary = try StressBinary.summary(outcome)
            #expect(summary["records_dropped"] as? Int == 0)
            print("logrotate \(stanza): \(rotations) rotations, reopenings \(summary["reopenings"] ?? "?")")
        }
    }
}
