import Foundation
import RotorTestKit
import Testing

@Suite struct VerifyCommandTests {
    @Test func verifyPassesOnRotorsOwnOutput() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.write(0..<200, in: dir, maxBytes: 2_000, compress: true)
            // Leave some archives plain and one rotation in both forms, as interrupted runs do.
            let compressed = try LogFixture.archives(in: dir).filter { $0.hasSuffix(".gz") }
            try LogFixture.decompress(compressed[0], in: dir)
            try LogFixture.decompress(compressed[1], in: dir, keepCompressed: true)
            let duplicated = try String(contentsOfFile: dir + "/" + compressed[1].dropLast(3), encoding: .utf8)
                .split(separator: "\n").count
            let outcome = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(outcome.status == 0, "\(outcome)")
            // Both files of the half-compressed rotation are checked.
            let files = try LogFixture.archives(in: dir).count + 1
            #expect(outcome.lines.last == "ok: \(files) files, \(200 + duplicated) lines")
        }
    }

    @Test func verifyFailsOnACorruptedGzip() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.write(0..<100, in: dir, maxBytes: 2_000, compress: true)
            let name = try #require(try LogFixture.archives(in: dir).filter { $0.hasSuffix(".gz") }.dropFirst(2).first)
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            bytes[bytes.count / 2] ^= 0x55
            try LogFixture.writeFile(name, bytes, in: dir)
            let outcome = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.standardOutput.contains("\(dir)/\(name): not an intact gzip file"))
            #expect(outcome.lines.last?.hasPrefix("failed: 1 problems in 1 of") == true)

            // A truncated .gz (a crash mid-copy) fails too.
            try LogFixture.writeFile(name, bytes.prefix(bytes.count - 9), in: dir)
            let truncated = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(truncated.status == 1)
            #expect(truncated.standardOutput.contains("\(dir)/\(name): not an intact gzip file"))
        }
    }

    @Test func verifyFailsOnATruncatedLineWithItsFileAndLine() throws {
        try withTemporaryDirectory { dir in
            let archive = LogFixture.archiveName(atSecond: 10)
            let torn = String(LogFixture.line(2).prefix(40))
            let content =
                LogFixture.line(0) + "\n" + LogFixture.line(1) + "\n" + torn + "\n" + LogFixture.line(3) + "\n"
            try LogFixture.writeFile(archive, Array(content.utf8), in: dir)
            try LogFixture.writeFile("app.log", Array((LogFixture.line(4) + "\n" + torn).utf8), in: dir)
            let outcome = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.lines.contains { $0.hasPrefix("\(dir)/\(archive):3: column ") && $0.contains("truncated") })
            #expect(outcome.lines.contains { $0.hasPrefix("\(dir)/app.log:2: truncated line") })
            #expect(outcome.lines.count == 3)

            // A complete record that only lacks its final newline is still a torn write.
            try LogFixture.writeFile("app.log", Array(LogFixture.line(4).utf8), in: dir)
            try LogFixture.writeFile(archive, Array((LogFixture.line(0) + "\n").utf8), in: dir)
            let unterminated = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(unterminated.status == 1)
            #expect(unterminated.lines.first == "\(dir)/app.log:1: truncated line (no final newline)")
        }
    }

    @Test func verifyFailsOnADuplicateKey() throws {
        try withTemporaryDirectory { dir in
            let line =
                #"{"timestamp":"2026-11-21T14:00:00.000000Z","level":"info","message":"a","metadata":{"k":"1","\u006b":"2"}}"#
            try LogFixture.writeFile("app.log", Array((LogFixture.line(0) + "\n" + line + "\n").utf8), in: dir)
            let outcome = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.lines.first == "\(dir)/app.log:2: column 93: duplicate key \"k\"")
        }
    }

    @Test func verifyReportsOtherStrictnessProblemsAndCapsTheList() throws {
        try withTemporaryDirectory { dir in
            var bytes: [UInt8] = []
            for line in [#"{"a":NaN}"#, #"{"a":"\ud800"}"#, #"{"a":1,}"#, "[1]", "", #"{"a":1} {}"#] {
                bytes += Array(line.utf8) + [0x0A]
            }
            bytes += [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D, 0x0A]  // {"a":"<overlong />"}
            try LogFixture.writeFile("app.log", bytes, in: dir)
            let outcome = try RotorBinary.run(["verify", dir + "/app.log", "--max-problems", "5"])
            #expect(outcome.status == 1)
            #expect(
                outcome.lines == [
                    "\(dir)/app.log:1: column 6: NaN is not a JSON value (NaN and Infinity are not allowed)",
                    "\(dir)/app.log:2: column 7: lone surrogate \\ud800 (no low surrogate follows)",
                    "\(dir)/app.log:3: column 8: unexpected '}', expected a member name",
                    "\(dir)/app.log:4: column 1: not a JSON object (a record must be an object)",
                    "\(dir)/app.log:5: column 1: empty line",
                    "\(dir)/app.log: 2 more problems not shown",
                    "failed: 7 problems in 1 of 1 files (7 lines read)",
                ])
        }
    }
}
