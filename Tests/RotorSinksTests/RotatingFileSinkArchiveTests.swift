import Foundation
import RotorCompression
import RotorCore
import RotorRetention
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

@Suite struct RotatingFileSinkArchiveTests {
    @Test func everyArchiveIsGzippedAndDecompressesToWhatWasWritten() throws {
        try withTemporaryDirectory { dir in
            let sink = try makeArchivingSink(dir, compression: GzipCompressor())
            for i in 0..<2_000 { sink.log(record("record \(i) " + String(repeating: "z", count: i % 50))) }
            sink.waitForBackgroundWork()
            let names = try archiveNames(in: dir)
            #expect(names.count > 5)
            #expect(names.allSatisfy { $0.hasSuffix(".log.gz") })
            var all: [String] = []
            for name in names {
                #expect(try run("/usr/bin/gzip", ["-t", dir + "/" + name]).status == 0)
                all += try run("/usr/bin/gzip", ["-dc", dir + "/" + name]).output
                    .split(separator: "\n").map(String.init)
            }
            sink.close()
            all += try lines(of: dir + "/app.log")
            #expect(all == (0..<2_000).map { "info record \($0) " + String(repeating: "z", count: $0 % 50) })
            let stats = sink.statistics
            #expect(stats.compressions == names.count)
            #expect((stats.compressionRatio ?? 1) < 0.5)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
        }
    }

    @Test func retentionKeepsTheNewestArchivesAndNeverTouchesForeignFiles() throws {
        try withTemporaryDirectory { dir in
            let foreign = [
                "app.log.1", "notes.txt", "other.2026-11-21T12-00-00.000Z.001.log",
                "app.2026-11-21T12-00-00.000Z.001.log.bak",
            ]
            for name in foreign { try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
            let sink = try makeArchivingSink(dir, retention: KeepCountRetention(3))
            for i in 0..<300 { sink.log(recordOfSize(100, Character(String(i % 10)))) }
            sink.waitForBackgroundWork()
            let names = try archiveNames(in: dir)
            #expect(names.count == 3)
            #expect(sink.archives.map(\.fileName) == names)
            sink.close()
            for name in foreign {
                #expect(try String(contentsOfFile: dir + "/" + name, encoding: .utf8) == "keep me\n")
            }
            #expect(sink.statistics.retentionDeletions == sink.statistics.rotations - 3)
        }
    }

    @Test func excessArchivesLeftByAnEarlierRunAreRemovedAtOpen() throws {
        try withTemporaryDirectory { dir in
            let naming = TimestampArchiveNaming()
            var id: ArchiveID?
            for i in 0..<10 {
                id = ArchiveID.next(after: id, now: LogTimestamp(secondsSinceEpoch: 1_700_000_000 + Int64(i)))
                try Data("old \(i)\n".utf8).write(
                    to: URL(fileURLWithPath: dir + "/" + naming.archiveFileName(for: id!, base: "app.log")))
            }
            let sink = try makeArchivingSink(dir, retention: KeepCountRetention(4))
            sink.waitForBackgroundWork()
            let names = try archiveNames(in: dir)
            #expect(names.count == 4)
            #expect(try names.map { try lines(of: dir + "/" + $0) } == (6..<10).map { ["old \($0)"] })
            sink.close()
        }
    }

    @Test func halfDoneCompressionIsFinishedAtOpen() throws {
        try withTemporaryDirectory { dir in
            let naming = TimestampArchiveNaming()
            let ids = [
                ArchiveID(millisecondsSinceEpoch: 1_700_000_000_000, sequence: 1),
                ArchiveID(millisecondsSinceEpoch: 1_700_000_001_000, sequence: 1),
                ArchiveID(millisecondsSinceEpoch: 1_700_000_002_000, sequence: 1),
            ]
            let plain = ids.map { dir + "/" + naming.archiveFileName(for: $0, base: "app.log") }
            for (i, path) in plain.enumerated() {
                try Data((0..<500).map { "gen \(i) line \($0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
            }
            // 0: killed mid-compression (a partial temp beside the source);
            // 1: killed after the rename, before the source was removed (an intact .gz beside it);
            // 2: a truncated .gz beside its source is not trusted, and not Rotor's (its own .gz
            //    names appear only by renaming a complete, synced file): it is left alone, and so
            //    is the source.
            try Data("partial".utf8).write(to: URL(fileURLWithPath: plain[0] + ".gz.tmp"))
            #expect(try run("/bin/sh", ["-c", "gzip -c '\(plain[1])' > '\(plain[1]).gz'"]).status == 0)
            #expect(try run("/bin/sh", ["-c", "gzip -c '\(plain[2])' | head -c 100 > '\(plain[2]).gz'"]).status == 0)
            let sink = try makeArchivingSink(dir, compression: GzipCompressor())
            sink.waitForBackgroundWork()
            sink.close()
            let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }.sorted()
            #expect(
                names
                    == (plain.map { lastPathComponent($0) + ".gz" } + [lastPathComponent(plain[2]), "app.log"]).sorted()
            )
            for (i, path) in plain.enumerated().prefix(2) {
                let text = try run("/usr/bin/gzip", ["-dc", path + ".gz"]).output
                #expect(text == (0..<500).map { "gen \(i) line \($0)\n" }.joined())
            }
            #expect(try lines(of: plain[2]).count == 500)
            #expect(try fileSize(plain[2] + ".gz") == 100)
        }
    }

    /// Killed after the rename of a compression, before its source was removed: the next open
    /// keeps one of the two, even without compression configured, so no tool counts it twice.
    @Test func aGenerationLeftBothPlainAndCompressedIsResolvedAtOpen() throws {
        try withTemporaryDirectory { dir in
            let naming = TimestampArchiveNaming()
            let name = naming.archiveFileName(
                for: ArchiveID(millisecondsSinceEpoch: 1_700_000_000_000, sequence: 1), base: "app.log")
            try Data((0..<100).map { "line \($0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
            #expect(try run("/bin/sh", ["-c", "gzip -c '\(dir)/\(name)' > '\(dir)/\(name).gz'"]).status == 0)
            // A foreign file squatting on another generation's compressed name: both stay.
            let other = naming.archiveFileName(
                for: ArchiveID(millisecondsSinceEpoch: 1_700_000_001_000, sequence: 1), base: "app.log")
            try Data("plain\n".utf8).write(to: URL(fileURLWithPath: dir + "/" + other))
            try Data("not gzip\n".utf8).write(to: URL(fileURLWithPath: dir + "/" + other + ".gz"))
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1 << 20))
            sink.close()
            #expect(try archiveNames(in: dir) == [name + ".gz", other, other + ".gz"])
        }
    }

    @Test func aTotalSizeCapSmallerThanOneArchiveKeepsTheNewest() throws {
        try withTemporaryDirectory { dir in
            let sink = try makeArchivingSink(dir, retention: MaxTotalBytesRetention(50))
            for i in 0..<40 { sink.log(recordOfSize(100, Character(String(i % 10)))) }
            sink.waitForBackgroundWork()
            #expect(try archiveNames(in: dir).count == 1)
            sink.close()
        }
    }

    @Test func aFailedCompressionKeepsTheSourceAndIsRetried() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock()
            let failures = FailureLog()
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 1_000),
                compression: GzipCompressor(),
                options: FileSinkConfiguration(clock: clock, failureHandler: failures.handler))
            // The clock stands still, so the first archive is (now, 001) and the second (now, 002).
            let first = ArchiveID.next(after: nil, now: clock.now())
            let second = ArchiveID.next(after: first, now: clock.now())
            let secondPath = dir + "/" + TimestampArchiveNaming().archiveFileName(for: second, base: "app.log")
            // A directory squatting on the temporary name makes that compression fail (even as root).
            try FileManager.default.createDirectory(atPath: secondPath + ".gz.tmp", withIntermediateDirectories: false)
            for _ in 0..<30 { sink.log(recordOfSize(100)) }  // 3 000 bytes: two rotations
            sink.waitForBackgroundWork()
            #expect(FileManager.default.fileExists(atPath: secondPath))  // source kept
            #expect(try fileSize(secondPath) == 1_000)
            #expect(sink.statistics.failures[.compress] ?? 0 >= 1)
            #expect(failures.all.first { $0.kind == .compress }?.transition == .failing)
            try FileManager.default.removeItem(atPath: secondPath + ".gz.tmp")
            // The retry runs by itself after its backoff; wait for its observable result, bounded.
            let limit = Date().addingTimeInterval(10)
            while FileManager.default.fileExists(atPath: secondPath) && Date() < limit {
                Thread.sleep(forTimeInterval: 0.01)
            }
            sink.waitForBackgroundWork()
            sink.close()
            #expect(try archiveNames(in: dir).count == 2)
            #expect(try archiveNames(in: dir).allSatisfy { $0.hasSuffix(".gz") })
            #expect(try run("/usr/bin/gzip", ["-dc", secondPath + ".gz"]).output.count == 1_000)
            #expect(failures.all.filter { $0.kind == .compress }.map(\.transition) == [.failing, .recovered])
        }
    }

    @Test func compressionAndRetentionSettingsMustAgreeForOnePath() throws {
        try withTemporaryDirectory { dir in
            let a = try makeArchivingSink(dir, compression: GzipCompressor())
            defer { a.close() }
            #expect {
                _ = try makeArchivingSink(dir)
            } throws: { ($0 as? SinkError)?.code == .conflictingConfiguration }
            #expect {
                _ = try makeArchivingSink(dir, compression: GzipCompressor(level: 9))
            } throws: { ($0 as? SinkError)?.code == .conflictingConfiguration }
        }
    }

    private func makeArchivingSink(
        _ dir: String, compression: (any ArchiveCompressor)? = nil, retention: (any RetentionPolicy)? = nil
    ) throws -> RotatingFileSink {
        try RotatingFileSink(
            path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 1_000),
            compression: compression, retention: retention)
    }
}

func lastPathComponent(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }

/// Runs a program and returns its exit status and standard output.
func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// gzip, slowed down: a compression that cannot keep up with the rotations.
struct SlowGzipCompressor: ArchiveCompressor, Equatable {
    var delay: Double

    var fileSuffix: String { ".gz" }

    func compress(from source: String, to destination: String) throws -> CompressionOutcome {
        Thread.sleep(forTimeInterval: delay)
        return try GzipCompressor().compress(from: source, to: destination)
    }

    func isIntact(_ path: String) -> Bool { GzipCompressor().isIntact(path) }

    func isIntact(_ path: String, matching original: String) -> Bool {
        GzipCompressor().isIntact(path, matching: original)
    }
}

/// Retention bounds the disk whatever the pace of compression: an archive the policy expires is
/// deleted at once and never compressed first.
@Suite struct RetentionBeforeCompressionTests {
    @Test func aBurstThatOutpacesCompressionCompressesOnlyWhatIsKept() throws {
        try withTemporaryDirectory { dir in
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 2_000),
                compression: SlowGzipCompressor(delay: 0.05), retention: KeepCountRetention(3))
            for _ in 0..<400 { sink.log(recordOfSize(500)) }  // 100 rotations in a few milliseconds
            sink.close()
            let statistics = sink.statistics
            #expect(statistics.rotations == 99)
            // Before, every archive was compressed and then deleted: 99 compressions of 50 ms.
            // Now only those kept when their turn comes: a handful.
            #expect(statistics.compressions <= 10, "\(statistics.compressions) compressions")
            #expect(statistics.retentionDeletions + (try archiveNames(in: dir).count) >= 99)
            let names = try archiveNames(in: dir)
            #expect(names.count == 3, "\(names)")
            #expect(names.allSatisfy { $0.hasSuffix(".gz") })
        }
    }

    /// (The cost itself is measured in BENCHMARKS.md, not timed here.)
    @Test func retentionFirstEnabledOnADirectoryOfManyArchivesKeepsTheNewest() throws {
        try withTemporaryDirectory { dir in
            // 20 000 archives of an earlier run, pruned in one pass over the list.
            let naming = TimestampArchiveNaming()
            for index in 0..<20_000 {
                let name = naming.archiveFileName(
                    for: ArchiveID(millisecondsSinceEpoch: 1_700_000_000_000 + Int64(index), sequence: 1),
                    base: "app.log")
                #expect(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("old\n".utf8)))
            }
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 1_000),
                retention: KeepCountRetention(10))
            for _ in 0..<10 { sink.log(recordOfSize(500)) }
            sink.close()
            #expect(try archiveNames(in: dir).count == 10)
            #expect(sink.statistics.retentionDeletions >= 20_000 - 10)
        }
    }
}
