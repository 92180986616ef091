import Foundation
import RotorCompression
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct CatCommandTests {
    @Test func catOrdersMixedPlainAndCompressedArchivesChronologically() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.write(0..<300, in: dir, maxBytes: 2_000, compress: true)
            // Make the mix deterministic: every third archive back to plain, one rotation left as
            // both .log and .log.gz (an interrupted compression).
            let compressed = try LogFixture.archives(in: dir).filter { $0.hasSuffix(".gz") }
            #expect(compressed.count >= 10)
            for (index, name) in compressed.enumerated() where index % 3 == 0 {
                try LogFixture.decompress(name, in: dir, keepCompressed: index == 3)
            }
            let archives = try LogFixture.archives(in: dir)
            #expect(archives.filter { $0.hasSuffix(".log") }.count >= 3)
            #expect(archives.filter { $0.hasSuffix(".gz") }.count >= 3)
            // Foreign files and leftovers that must never be read.
            try LogFixture.writeFile("app.log.1", Array((LogFixture.line(9_001) + "\n").utf8), in: dir)
            try LogFixture.writeFile(archives[1] + ".bak", Array((LogFixture.line(9_002) + "\n").utf8), in: dir)
            try LogFixture.writeFile(archives[0] + ".gz.tmp", [0x1F, 0x8B, 0x08, 0x00], in: dir)
            try LogFixture.writeFile(".app.log.rotor-next-99-1", [], in: dir)

            let outcome = try RotorBinary.run(["cat", "--json", dir + "/app.log"])
            #expect(outcome.status == 0, "\(outcome)")
            #expect(outcome.lines == (0..<300).map(LogFixture.line))
            #expect(outcome.standardError.isEmpty)
        }
    }

    @Test func catAcceptsTheDirectoryOfASingleLog() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.write(0..<60, in: dir, maxBytes: 2_000, compress: false)
            let outcome = try RotorBinary.run(["cat", "--json", dir])
            #expect(outcome.status == 0, "\(outcome)")
            #expect(LogFixture.recordNumbers(outcome.lines) == Array(0..<60))

            try LogFixture.writeFile("other.log", Array("x\n".utf8), in: dir)
            let ambiguous = try RotorBinary.run(["cat", dir])
            #expect(ambiguous.status == 64, "\(ambiguous)")
            #expect(ambiguous.standardError.contains("app.log, other.log"))
        }
    }

    @Test func catFiltersByTimeAndLevel() throws {
        try withTemporaryDirectory { dir in
            try handMadeLog(in: dir)
            let window = try RotorBinary.run([
                "cat", "--json", "--since", "2026-11-21T14:00:05Z", "--until", "2026-11-21T15:00:12+01:00",
                dir + "/app.log",
            ])
            #expect(window.status == 0, "\(window)")
            #expect(LogFixture.recordNumbers(window.lines) == Array(5..<12))

            let errors = try RotorBinary.run(["cat", "--json", "--level", "error", dir + "/app.log"])
            #expect(LogFixture.recordNumbers(errors.lines) == [0, 7, 14, 21])

            let day = try RotorBinary.run(["cat", "--json", "--since", "2026-11-22", dir + "/app.log"])
            #expect(day.status == 0 && day.lines.isEmpty, "\(day)")
        }
    }

    @Test func catPrintsRecordsAsTextAndOtherLinesAsTheyAre() throws {
        try withTemporaryDirectory { dir in
            try handMadeLog(in: dir)
            let text = try RotorBinary.run(["cat", dir + "/app.log"])
            #expect(text.status == 0, "\(text)")
            #expect(text.lines.count == 26)
            #expect(text.lines.first == "2026-11-21T14:00:00.000000Z ERROR    [test] record 0 n=0")
            #expect(text.lines[1] == "2026-11-21T14:00:01.000000Z INFO     [test] record 1 n=1")
            #expect(text.lines.last == "not json at all")
            // With a filter, lines that are not records are left out.
            let filtered = try RotorBinary.run(["cat", "--level", "info", dir + "/app.log"])
            #expect(filtered.lines.count == 25)
        }
    }

    @Test func catReadsADamagedArchiveUpToTheDamageAndFails() throws {
        try withTemporaryDirectory { dir in
            try handMadeLog(in: dir)
            let gzip = dir + "/" + LogFixture.archiveName(atSecond: 10, compressed: true)
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: gzip)))
            bytes.removeLast(12)  // cut into the deflate data and the trailer
            try LogFixture.writeFile(LogFixture.archiveName(atSecond: 10, compressed: true), bytes, in: dir)
            let outcome = try RotorBinary.run(["cat", "--json", dir + "/app.log"])
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.standardError.contains(gzip))
            #expect(LogFixture.recordNumbers(outcome.lines).suffix(15) == Array(10..<25))
        }
    }

    @Test func catStreamsInBoundedMemory() throws {
        try withTemporaryDirectory { dir in
            // 96 MiB in a plain archive and 32 MiB (uncompressed) in a .gz, 400-byte lines.
            let line = Array(
                (LogFixture.line(1) + String(repeating: " ", count: 400 - LogFixture.line(1).count - 1) + "\n").utf8)
            let block = Array([[UInt8]](repeating: line, count: 2_621).joined())  // ~1 MiB
            let plain = dir + "/" + LogFixture.archiveName(atSecond: 1)
            let staging = dir + "/staging"
            for (path, megabytes) in [(plain, 96), (staging, 32)] {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                for _ in 0..<megabytes { try handle.write(contentsOf: block) }
                try handle.close()
            }
            _ = try GzipCompressor(level: 1).compress(
                from: staging, to: dir + "/" + LogFixture.archiveName(atSecond: 2, compressed: true))
            try FileManager.default.removeItem(atPath: staging)

            // Spawned and reaped here (wait4), so the figure is this child's own peak, not the
            // largest of every child the test process ever had (RUSAGE_CHILDREN).
            let (status, peakKiB) = try Self.runMeasuringPeakMemory(
                RotorBinary.url().path, ["cat", "--json", dir + "/app.log"])
            #expect(status == 0)
            // ru_maxrss is in KiB: the child stayed far below the 128 MiB it read.
            #expect(peakKiB < 64 * 1024, "peak RSS of rotor cat: \(peakKiB) KiB")
            #expect(peakKiB > 1_024, "a peak RSS of \(peakKiB) KiB cannot be a real measurement")
        }
    }

    /// Runs `program` with standard output discarded; returns its exit status and peak RSS (KiB).
    ///
    /// Measured through a small python3 process that starts and reaps the program: a child
    /// spawned straight from this (large, multi-threaded) test process would report this process's
    /// size, because `posix_spawn` shares its memory until `exec` and Linux keeps that high-water
    /// mark in the child's `ru_maxrss`.
    static func runMeasuringPeakMemory(_ program: String, _ arguments: [String]) throws -> (Int32, Int) {
        let script = """
            import resource, subprocess, sys
            code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
            print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, program] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        try #require(fields.count == 2, "unexpected output from the measuring wrapper")
        return (Int32(fields[0]), fields[1])
    }

    /// Archives at seconds 10 (.gz, records 0..<10) and 20 (plain, 10..<20), active 20..<25 and a
    /// line that is not JSON.
    private func handMadeLog(in dir: String) throws {
        try LogFixture.writeArchive(LogFixture.archiveName(atSecond: 10, compressed: true), records: 0..<10, in: dir)
        try LogFixture.writeArchive(LogFixture.archiveName(atSecond: 20), records: 10..<20, in: dir)
        let active = (20..<25).map { LogFixture.line($0) + "\n" }.joined() + "not json at all\n"
        try LogFixture.writeFile("app.log", Array(active.utf8), in: dir)
    }
}
