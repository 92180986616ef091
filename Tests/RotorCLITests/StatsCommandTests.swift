import Foundation
import RotorTestKit
import Testing

@Suite struct StatsCommandTests {
    @Test func statsDescribesArchivesSpanAndUnexpectedFiles() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.writeArchive(
                LogFixture.archiveName(atSecond: 10, compressed: true), records: 0..<10, in: dir)
            try LogFixture.writeArchive(LogFixture.archiveName(atSecond: 20), records: 10..<20, in: dir)
            try LogFixture.writeArchive(LogFixture.archiveName(atSecond: 30), records: 20..<30, in: dir)
            try LogFixture.writeArchive(
                LogFixture.archiveName(atSecond: 30, compressed: true), records: 20..<30, in: dir)
            try LogFixture.writeFile(
                "app.log", Array((30..<35).map { LogFixture.line($0) + "\n" }.joined().utf8), in: dir)
            try LogFixture.writeFile(LogFixture.archiveName(atSecond: 20) + ".gz.tmp", [0x1F], in: dir)
            try LogFixture.writeFile(".app.log.rotor-next-42-7", [], in: dir)
            try LogFixture.writeFile(".app.log.rotor-state", Array("period-start 0\n".utf8), in: dir)
            try LogFixture.writeFile("app.log.1", Array("old\n".utf8), in: dir)
            try LogFixture.writeFile("unrelated.txt", Array("x\n".utf8), in: dir)

            let outcome = try RotorBinary.run(["stats", "--json", dir + "/app.log"])
            #expect(outcome.status == 0, "\(outcome)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
            let archives = try #require(report["archives"] as? [[String: Any]])
            #expect(archives.map { $0["state"] as? String } == ["gzip", "plain", "plain+gzip"])
            #expect(
                archives.map { $0["rotatedAt"] as? String } == [
                    "2026-11-21T14:00:10.000Z", "2026-11-21T14:00:20.000Z", "2026-11-21T14:00:30.000Z",
                ])
            let plainSize = Int64((10..<20).map { LogFixture.line($0).utf8.count + 1 }.reduce(0, +))
            #expect((archives[1]["bytesOnDisk"] as? NSNumber)?.int64Value == plainSize)
            #expect(
                (archives[0]["uncompressedBytes"] as? NSNumber)?.int64Value
                    == Int64((0..<10).map { LogFixture.line($0).utf8.count + 1 }.reduce(0, +)))
            #expect(((archives[0]["compressionRatio"] as? Double) ?? 0) > 2)
            let totals = try #require(report["totals"] as? [String: Any])
            #expect(totals["archives"] as? Int == 3)
            let span = try #require(report["span"] as? [String: Any])
            #expect(span["first"] as? String == "2026-11-21T14:00:00.000Z")
            #expect(span["last"] as? String == "2026-11-21T14:00:34.000Z")
            #expect(span["seconds"] as? Double == 34)
            #expect(report["stateFile"] as? Bool == true)
            let unexpected = try #require(report["unexpected"] as? [[String: Any]]).compactMap { $0["file"] as? String }
            #expect(
                Set(unexpected) == [
                    "\(dir)/\(LogFixture.archiveName(atSecond: 20)).gz.tmp", "\(dir)/.app.log.rotor-next-42-7",
                    "\(dir)/app.log.1", "\(dir)/\(LogFixture.archiveName(atSecond: 30, compressed: true))",
                ])

            let text = try RotorBinary.run(["stats", dir + "/app.log"])
            #expect(text.status == 0)
            #expect(text.standardOutput.contains("archives:  3 (2 gzip, 1 plain)"))
            #expect(
                text.standardOutput.contains("span:      2026-11-21T14:00:00.000Z to 2026-11-21T14:00:34.000Z (34s)"))
            #expect(text.standardOutput.contains("app.log.1  look-alike, not an archive (left untouched)"))
            #expect(!text.standardOutput.contains("unrelated.txt"))
        }
    }

    @Test func statsOfAMissingLogIsAnInputError() throws {
        try withTemporaryDirectory { dir in
            let missingFile = try RotorBinary.run(["stats", dir + "/app.log"])
            #expect(missingFile.status == 66, "\(missingFile)")
            #expect(missingFile.standardError == "rotor: \(dir)/app.log: no such log (no active file and no archive)\n")
            let missingDirectory = try RotorBinary.run(["stats", dir + "/none/app.log"])
            #expect(missingDirectory.status == 66)
        }
    }

    @Test func statsDoesNotTrustTheSizeTrailerOfATruncatedGzip() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.writeArchive(
                LogFixture.archiveName(atSecond: 10, compressed: true), records: 0..<2_000, in: dir)
            let intact = LogFixture.archiveName(atSecond: 20, compressed: true)
            try LogFixture.writeArchive(intact, records: 2_000..<2_010, in: dir)
            try LogFixture.writeFile("app.log", Array((LogFixture.line(2_010) + "\n").utf8), in: dir)
            // A 300-byte fragment whose last four bytes (read as ISIZE) claim about 1 GiB.
            let truncated = LogFixture.archiveName(atSecond: 10, compressed: true)
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/" + truncated)).prefix(300))
            bytes.replaceSubrange(296..<300, with: [0x00, 0x00, 0x00, 0x40])
            try LogFixture.writeFile(truncated, bytes, in: dir)

            let outcome = try RotorBinary.run(["stats", "--json", dir + "/app.log"])
            #expect(outcome.status == 0, "\(outcome)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
            let archives = try #require(report["archives"] as? [[String: Any]])
            #expect(archives[0]["uncompressedBytes"] == nil)
            #expect(archives[0]["compressionRatio"] == nil)
            #expect(archives[0]["gzipIntact"] as? Bool == false)
            #expect((archives[0]["gzipProblem"] as? String)?.contains("corrupt, truncated or unreadable") == true)
            let intactSize = Int64((2_000..<2_010).map { LogFixture.line($0).utf8.count + 1 }.reduce(0, +))
            #expect((archives[1]["uncompressedBytes"] as? NSNumber)?.int64Value == intactSize)
            #expect(archives[1]["gzipIntact"] as? Bool == true)
            let totals = try #require(report["totals"] as? [String: Any])
            #expect(totals["uncompressedBytes"] == nil, "a total with an unknown part is unknown")
            let unexpected = try #require(report["unexpected"] as? [[String: Any]])
            #expect(
                unexpected.contains {
                    ($0["file"] as? String) == "\(dir)/\(truncated)"
                        && ($0["kind"] as? String)?.hasPrefix("damaged gzip: ") == true
                })

            let text = try RotorBinary.run(["stats", dir + "/app.log"])
            let row = try #require(text.lines.first { $0.hasSuffix(truncated) })
            #expect(row.contains(" 300 B       -             -       "), "\(row)")
            #expect(!text.standardOutput.contains("GiB"))

            let quick = try RotorBinary.run(["stats", "--quick", "--json", dir + "/app.log"])
            let quickReport = try #require(
                try JSONSerialization.jsonObject(with: Data(quick.standardOutput.utf8)) as? [String: Any])
            let quickArchives = try #require(quickReport["archives"] as? [[String: Any]])
            #expect(quickArchives.allSatisfy { $0["uncompressedBytes"] == nil && $0["gzipIntact"] == nil })
            let quickText = try RotorBinary.run(["stats", "--quick", dir + "/app.log"])
            #expect(quickText.lines.contains("gzip:      not decompressed (--quick): uncompressed sizes unknown"))
        }
    }
}
