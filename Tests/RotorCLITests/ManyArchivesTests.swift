import Foundation
import RotorTestKit
import Testing

/// The commands over a log with thousands of archives (issue 19: the CLI keeps a compact entry per
/// archive and rebuilds names from IDs): the output must be exactly what it is for a few.
@Suite struct ManyArchivesTests {
    /// Archives 0..<count, one record each (record `i` in archive `i`, rotated at second `i`);
    /// every 100th is a `.gz`, archive 7 is both plain and `.gz` (an interrupted compression),
    /// plus a `.gz.tmp`, a look-alike and an unrelated file; the active file holds record `count`.
    private static func makeLog(in dir: String, count: Int) throws {
        for index in 0..<count {
            let compressed = index % 100 == 50
            try LogFixture.writeArchive(
                LogFixture.archiveName(atSecond: Int64(index), compressed: compressed), records: index..<(index + 1),
                in: dir)
        }
        try LogFixture.writeArchive(LogFixture.archiveName(atSecond: 7, compressed: true), records: 7..<8, in: dir)
        try LogFixture.writeFile(
            LogFixture.archiveName(atSecond: Int64(count)) + ".gz.tmp", Array("partial".utf8), in: dir)
        try LogFixture.writeFile("app.log.1", Array("look-alike\n".utf8), in: dir)
        try LogFixture.writeFile("notes.txt", Array("unrelated\n".utf8), in: dir)
        try LogFixture.writeFile("app.log", Array((LogFixture.line(count) + "\n").utf8), in: dir)
    }

    private static let count = 3_000

    @Test func verifyCatAndStatsReadEveryArchiveInOrder() throws {
        try withTemporaryDirectory { dir in
            let count = Self.count
            try Self.makeLog(in: dir, count: count)
            let files = count + 1 + 1  // the archives, archive 7's second file, the active file

            let verify = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(verify.status == 0, "\(verify)")
            #expect(
                verify.lines == [
                    "note: skipped \(dir)/\(LogFixture.archiveName(atSecond: Int64(count))).gz.tmp (compression in progress or interrupted)",
                    "ok: \(files) files, \(files) lines",
                ])

            // cat reads archive 7 once (its plain file), everything oldest first, the active file last.
            let cat = try RotorBinary.run(["cat", "--json", dir])
            #expect(cat.status == 0, "\(cat)")
            #expect(LogFixture.recordNumbers(cat.lines) == Array(0...count))

            let quick = try RotorBinary.run(["stats", "--quick", dir + "/app.log"])
            #expect(quick.status == 0, "\(quick)")
            let gzipOnly = count / 100
            #expect(
                quick.lines.contains {
                    $0.hasPrefix("archives:  \(count) (\(gzipOnly + 1) gzip, \(count - gzipOnly - 1) plain), ")
                })
            let rows = quick.lines.filter { $0.hasPrefix("2026-11-21T") }
            #expect(rows.count == count)
            #expect(rows.first?.hasSuffix(" " + LogFixture.archiveName(atSecond: 0)) == true)
            #expect(
                rows[7].hasSuffix(
                    LogFixture.archiveName(atSecond: 7) + " + " + LogFixture.archiveName(atSecond: 7, compressed: true))
            )
            #expect(rows.last?.hasSuffix(" " + LogFixture.archiveName(atSecond: Int64(count - 1))) == true)
            #expect(quick.lines.contains { $0.hasPrefix("  \(dir)/app.log.1  look-alike") })
            #expect(!quick.standardOutput.contains("notes.txt"))

            let stats = try RotorBinary.run(["stats", "--json", dir + "/app.log"])
            #expect(stats.status == 0, "\(stats)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(stats.standardOutput.utf8)) as? [String: Any])
            let archives = try #require(report["archives"] as? [[String: Any]])
            #expect(archives.count == count)
            for (index, archive) in archives.enumerated() {
                let compressed = index % 100 == 50
                let names = (archive["files"] as? [String])?.map { ($0 as NSString).lastPathComponent }
                var expected = [LogFixture.archiveName(atSecond: Int64(index), compressed: compressed)]
                if index == 7 { expected.append(LogFixture.archiveName(atSecond: 7, compressed: true)) }
                #expect(names == expected, "archive \(index)")
                #expect(
                    archive["uncompressedBytes"] as? Int == LogFixture.line(index).utf8.count + 1, "archive \(index)")
                #expect((archive["gzipIntact"] as? Bool) == (compressed || index == 7 ? true : nil), "archive \(index)")
            }
            let totals = try #require(report["totals"] as? [String: Any])
            #expect(totals["archives"] as? Int == count)
            #expect(totals["compressed"] as? Int == gzipOnly + 1)
            #expect(
                totals["uncompressedBytes"] as? Int == (0..<count).reduce(0) { $0 + LogFixture.line($1).utf8.count + 1 }
            )
        }
    }

    @Test func pruneDeletesExactlyTheOldestGenerations() throws {
        try withTemporaryDirectory { dir in
            let count = Self.count
            try Self.makeLog(in: dir, count: count)
            let before = try LogFixture.entries(of: dir)

            let dryRun = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "10", "--dry-run"])
            #expect(dryRun.status == 0, "\(dryRun)")
            var expected: [String] = []
            for index in 0..<(count - 10) {
                expected.append(LogFixture.archiveName(atSecond: Int64(index), compressed: index % 100 == 50))
                if index == 7 { expected.append(LogFixture.archiveName(atSecond: 7, compressed: true)) }
            }
            #expect(dryRun.lines == expected.map { "would delete \(dir)/\($0)" })
            #expect(try LogFixture.entries(of: dir) == before)

            let prune = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "10"])
            #expect(prune.status == 0, "\(prune)")
            #expect(prune.lines == expected.map { "deleted \(dir)/\($0)" })
            #expect(try LogFixture.entries(of: dir) == before.subtracting(expected).union([".app.log.rotor-lock"]))
        }
    }
}
