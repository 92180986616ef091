import Foundation
import RotorCompression
import RotorCore
import RotorTestKit
import Testing

/// `verify` on a directory of several logs (the per-level layout), and on damaged `.gz` files.
@Suite struct VerifyLogDirectoryTests {
    /// The per-level layout of the README: one rotating log per level, with gzipped archives.
    static let bases = ["app_error.log", "app_info.log", "app_warning.log"]

    @Test func verifyChecksEveryLogOfAPerLevelDirectoryOneByOne() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.write(0..<120, in: dir, base: "app_info.log", maxBytes: 2_000, compress: true)
            try LogFixture.write(0..<40, in: dir, base: "app_warning.log", maxBytes: 2_000, compress: true)
            try LogFixture.write(0..<5, in: dir, base: "app_error.log", maxBytes: 2_000, compress: true)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }
            #expect(names.contains { $0.hasPrefix("app_info.") && $0.hasSuffix(".log.gz") })
            #expect(names.contains { $0.hasPrefix("app_warning.") && $0.hasSuffix(".log.gz") })

            let outcome = try RotorBinary.run(["verify", dir])
            #expect(outcome.status == 0, "\(outcome)")
            let files = { (base: String) in names.filter { $0.hasPrefix(base.dropLast(4) + ".") || $0 == base }.count }
            let expected =
                [("app_error.log", 5), ("app_info.log", 120), ("app_warning.log", 40)].map { base, lines in
                    "ok: \(dir)/\(base), \(files(base)) files, \(lines) lines"
                } + ["ok: 3 logs, \(names.count) files, 165 lines"]
            #expect(outcome.lines == expected)

            // One bad line in one log: that log fails, the others pass, the exit status is 1.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/app_warning.log"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Array(#"{"a":1,"a":2}"#.utf8) + [0x0A])
            try handle.close()
            let failed = try RotorBinary.run(["verify", dir + "/"])
            #expect(failed.status == 1, "\(failed)")
            let activeLines = try String(contentsOfFile: dir + "/app_warning.log", encoding: .utf8).split(
                separator: "\n"
            ).count
            #expect(failed.lines.contains("\(dir)/app_warning.log:\(activeLines): column 8: duplicate key \"a\""))
            #expect(failed.lines.contains { $0.hasPrefix("failed: \(dir)/app_warning.log, 1 problems in 1 of ") })
            #expect(failed.lines.contains { $0.hasPrefix("ok: \(dir)/app_info.log, ") })
            #expect(
                failed.lines.last?.hasPrefix("failed: 1 of 3 logs, 1 problems in 1 of \(names.count) files") == true)
        }
    }

    @Test func aDirectoryOfOneLogKeepsTheSingleLogSummary() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.write(0..<10, in: dir, compress: false)
            let outcome = try RotorBinary.run(["verify", dir])
            #expect(outcome.status == 0, "\(outcome)")
            #expect(outcome.lines.last?.hasPrefix("ok: ") == true)
            #expect(outcome.lines.last?.hasSuffix(" files, 10 lines") == true)
            #expect(outcome.lines.count == 1)
        }
    }

    @Test func aDirectoryWithoutALogIsAUsageError() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.writeFile("notes.txt", Array("x\n".utf8), in: dir)
            let outcome = try RotorBinary.run(["verify", dir])
            #expect(outcome.status == 64, "\(outcome)")
            #expect(outcome.standardError.contains("holds no Rotor log"))
        }
    }

    @Test func aDamagedGzipIsReportedAsOneProblemWithoutTheGarbageLines() throws {
        try withTemporaryDirectory { dir in
            // Stored (level 0) deflate blocks pass damaged bytes straight through: before the
            // CRC-32 check at the end, the reader hands out lines with garbage in them.
            let text = (0..<400).map { LogFixture.line($0) + "\n" }.joined()
            try LogFixture.writeFile("staging", Array(text.utf8), in: dir)
            let name = LogFixture.archiveName(atSecond: 10, compressed: true)
            _ = try GzipCompressor(level: 0).compress(from: dir + "/staging", to: dir + "/" + name)
            try FileManager.default.removeItem(atPath: dir + "/staging")
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            for index in stride(from: 2_000, to: bytes.count - 2_000, by: 700) { bytes[index] = UInt8(ascii: "}") }
            try LogFixture.writeFile(name, bytes, in: dir)
            try LogFixture.writeFile("app.log", Array((LogFixture.line(400) + "\n").utf8), in: dir)
            var delivered: [UInt8] = []
            _ = try? GzipReader(path: dir + "/" + name).forEachChunk { delivered += $0 }
            let garbled = zip(
                String(decoding: delivered, as: UTF8.self).split(separator: "\n"), text.split(separator: "\n")
            )
            .filter { $0 != $1 }.count
            #expect(garbled >= 5, "the reader must hand out garbled lines before it notices the damage")

            let outcome = try RotorBinary.run(["verify", dir + "/app.log"])
            #expect(outcome.status == 1, "\(outcome)")
            #expect(
                outcome.lines == [
                    "\(dir)/\(name): not an intact gzip file: \(Self.gzipReason(dir + "/" + name))"
                ] + outcome.lines.suffix(1))
            #expect(outcome.lines.last?.hasPrefix("failed: 1 problems in 1 of 2 files (") == true)
        }
    }

    /// What `GzipReader` says of a damaged file.
    private static func gzipReason(_ path: String) -> String {
        do {
            try GzipReader(path: path).forEachChunk { _ in }
            return "intact"
        } catch let error as CompressionError {
            return error.message
        } catch {
            return "\(error)"
        }
    }
}
