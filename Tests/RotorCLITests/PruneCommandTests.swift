import Foundation
import RotorCore
import RotorRetention
import RotorRotation
import RotorTestKit
import Testing

@Suite struct PruneCommandTests {
    @Test func dryRunListsExactlyWhatPruneThenDeletes() throws {
        try withTemporaryDirectory { dir in
            // Genuine archives, then older hand-made ones (one left both plain and compressed).
            try LogFixture.write(20..<200, in: dir, maxBytes: 2_000, compress: true)
            try LogFixture.writeArchive(
                LogFixture.archiveName(atSecond: 10, compressed: true), records: 0..<10, in: dir)
            try LogFixture.writeArchive(LogFixture.archiveName(atSecond: 20), records: 10..<20, in: dir)
            try LogFixture.writeArchive(
                LogFixture.archiveName(atSecond: 20, compressed: true), records: 10..<20, in: dir)
            let foreign = ["app.log.1", "app.log.bak", LogFixture.archiveName(atSecond: 30) + ".old", "notes.txt"]
            for name in foreign { try LogFixture.writeFile(name, Array("keep me\n".utf8), in: dir) }
            let generations = Set(try LogFixture.archives(in: dir).map { String($0.prefix(32)) }).count
            #expect(generations > 6)

            let before = try LogFixture.entries(of: dir)
            let dryRun = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "4", "--dry-run"])
            #expect(dryRun.status == 0, "\(dryRun)")
            #expect(try LogFixture.entries(of: dir) == before)
            let listed = try dryRun.lines.map { line in
                try #require(line.hasPrefix("would delete \(dir)/") ? line : nil, "\(line)").dropFirst(
                    "would delete \(dir)/".count)
            }.map(String.init)

            let prune = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "4"])
            #expect(prune.status == 0, "\(prune)")
            let deleted = before.subtracting(try LogFixture.entries(of: dir))
            #expect(Set(listed) == deleted)
            #expect(listed.count == deleted.count)
            #expect(prune.lines == listed.map { "deleted \(dir)/\($0)" })
            // Both files of the half-compressed rotation went; four rotations and everything else stay.
            #expect(deleted.contains(LogFixture.archiveName(atSecond: 20)))
            #expect(deleted.contains(LogFixture.archiveName(atSecond: 20, compressed: true)))
            #expect(Set(try LogFixture.archives(in: dir).map { String($0.prefix(32)) }).count == 4)
            for name in foreign + ["app.log"] { #expect(FileManager.default.fileExists(atPath: dir + "/" + name)) }

            let again = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "4", "--dry-run"])
            #expect(again.status == 0 && again.lines.isEmpty)
        }
    }

    @Test func ageAndSizeRulesAreTheLibrarysRetentionRules() throws {
        try withTemporaryDirectory { dir in
            // Ten hourly archives of 10 records each, the newest rotated at 10 h.
            for hour in 1...10 {
                try LogFixture.writeArchive(
                    LogFixture.archiveName(atSecond: Int64(hour) * 3_600, compressed: hour % 2 == 0),
                    records: (hour * 10)..<(hour * 10 + 10), in: dir)
            }
            let now = "2026-11-21T23:30:00Z"  // 9.5 h after the epoch of the fixture
            let arguments = [
                "prune", dir + "/app.log", "--max-age", "5h", "--max-total", "4KiB", "--now", now, "--dry-run",
            ]
            let outcome = try RotorBinary.run(arguments)
            #expect(outcome.status == 0, "\(outcome)")

            // The same decision, made by the library over the same files.
            let naming = TimestampArchiveNaming()
            let files = try LogFixture.archives(in: dir).map { name in
                (
                    naming.parse(fileName: name, base: "app.log")!,
                    (try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.size] as! NSNumber).int64Value
                )
            }
            let rules = try RetentionRules(keep: nil, maxTotalBytes: 4_096, maxAge: .seconds(5 * 3_600))
            let nowTimestamp = LogTimestamp(secondsSinceEpoch: LogFixture.epochSeconds + 34_200)
            let expired = rules.expired(ArchiveGeneration.group(files), now: nowTimestamp)
            let expected = files.filter { expired.contains($0.0.id) }.map { "would delete \(dir)/\($0.0.fileName)" }
            #expect(!expected.isEmpty && expected.count < files.count)
            #expect(outcome.lines == expected)
        }
    }

    @Test func compressGzipsTheArchivesThatAreKept() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.write(0..<150, in: dir, maxBytes: 2_000, compress: false)
            let plain = try LogFixture.archives(in: dir)
            #expect(plain.count >= 5 && plain.allSatisfy { $0.hasSuffix(".log") })

            let dryRun = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "3", "--compress", "--dry-run"])
            #expect(dryRun.lines.filter { $0.hasPrefix("would compress ") }.count == 3)
            #expect(dryRun.lines.filter { $0.hasPrefix("would delete ") }.count == plain.count - 3)

            let outcome = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "3", "--compress"])
            #expect(outcome.status == 0, "\(outcome)")
            let archives = try LogFixture.archives(in: dir)
            #expect(archives == plain.suffix(3).map { $0 + ".gz" })
            let cat = try RotorBinary.run(["cat", "--json", dir + "/app.log"])
            let numbers = LogFixture.recordNumbers(cat.lines)
            #expect(numbers.last == 149 && numbers == Array(numbers.first!...149))
            let verify = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(verify.status == 0, "\(verify)")
        }
    }

    @Test func badRulesAreUsageErrors() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.writeFile("app.log", [], in: dir)
            let cases: [([String], String)] = [
                (["prune", dir + "/app.log"], "give at least one of --keep, --max-age, --max-total or --compress"),
                (["prune", dir + "/app.log", "--max-age", "7days"], "expected a positive whole number with a unit"),
                (["prune", dir + "/app.log", "--max-age", "0d"], "expected a positive whole number with a unit"),
                (["prune", dir + "/app.log", "--max-total", "1GB!"], "expected a positive size such as 1GiB"),
                (["prune", dir + "/app.log", "--max-total", "0"], "expected a positive size such as 1GiB"),
                (["prune", dir + "/app.log", "--keep=-1"], "--keep must be 0 or more"),
                (["prune", dir + "/app.log", "--keep", "three"], "The value 'three' is invalid for '--keep <N>'"),
            ]
            for (arguments, message) in cases {
                let outcome = try RotorBinary.run(arguments)
                #expect(outcome.status == 64, "\(arguments): \(outcome)")
                #expect(outcome.standardError.contains(message), "\(arguments): \(outcome)")
            }
            let missing = try RotorBinary.run(["prune", dir + "/nowhere/app.log", "--keep", "1"])
            #expect(missing.status == 66, "\(missing)")
            #expect(missing.standardError.contains("\(dir)/nowhere: cannot open the log's directory"))
        }
    }
}
