import Foundation
import RotorCore
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

@Suite(.enabled(if: FaultTools.canMountTmpfs, "needs permission to mount a tmpfs (root with CAP_SYS_ADMIN)"))
struct DiskFullTests {
    @Test func aFullDiskDropsAndCountsRecordsThenRecoversWhenSpaceIsFreed() throws {
        try withTemporaryDirectory { dir in
            try FaultTools.withTmpfs(size: 64 * 1024, in: dir) { disk in
                let filler = disk + "/filler"
                try Data(count: 24 * 1024).write(to: URL(fileURLWithPath: filler))
                let clock = makeClock()
                let failures = FailureLog()
                let sink = try RotatingFileSink(
                    path: disk + "/app.log", formatter: PlainLineFormatter(),
                    strategy: SizeRotation(maxBytes: 16 * 1024),
                    options: FileSinkConfiguration(clock: clock, failureHandler: failures.handler, retryClock: clock))
                var produced = 0
                for i in 0..<200 {
                    sink.log(record("r\(i) " + String(repeating: "x", count: 500)))
                    produced += 1
                    clock.advance(by: .milliseconds(1))
                }
                let archivesBefore = try archiveSizes(disk)
                var stats = sink.statistics
                #expect(stats.totalRecordsDropped > 0)
                #expect(stats.failures[.write] ?? 0 > 0)
                #expect(failures.all.filter { $0.kind == .write }.map(\.transition) == [.failing])
                #expect((failures.all.first { $0.kind == .write }?.cause as? SystemCallError) == .noSpace)

                try FileManager.default.removeItem(atPath: filler)  // the fault clears
                clock.advance(by: .seconds(2))  // past the longest backoff
                for i in 200..<210 {
                    sink.log(record("r\(i) after"))
                    produced += 1
                }
                sink.close()
                stats = sink.statistics
                #expect(stats.recordsWritten + stats.totalRecordsDropped == produced)
                #expect(failures.all.filter { $0.kind == .write }.map(\.transition) == [.failing, .recovered])
                // No existing file shrank, and every line in every file is whole.
                for (name, size) in archivesBefore { #expect(try fileSize(disk + "/" + name) == size) }
                var lineCount = 0
                for name in try FileManager.default.contentsOfDirectory(atPath: disk) where name.hasPrefix("app.") {
                    let text = try String(contentsOfFile: disk + "/" + name, encoding: .utf8)
                    #expect(text.isEmpty || text.hasSuffix("\n"))
                    for line in text.split(separator: "\n") {
                        #expect(line.hasPrefix("info r"))
                        lineCount += 1
                    }
                }
                #expect(lineCount == stats.recordsWritten)
                #expect(try lines(of: disk + "/app.log").suffix(10) == (200..<210).map { "info r\($0) after" })
            }
        }
    }

    /// Retry deadlines are on the monotonic clock: an NTP step of the wall clock (one hour back)
    /// while the disk is full must not hold the retries back once space is freed.
    @Test func aWallClockSteppedBackDoesNotHoldRetriesBack() throws {
        try withTemporaryDirectory { dir in
            try FaultTools.withTmpfs(size: 64 * 1024, in: dir) { disk in
                let filler = disk + "/filler"
                try Data(count: 56 * 1024).write(to: URL(fileURLWithPath: filler))
                let wall = makeClock()
                let monotonic = ManualClock(LogTimestamp(secondsSinceEpoch: 100))
                let sink = try RotatingFileSink(
                    path: disk + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 1 << 20),
                    options: FileSinkConfiguration(clock: wall, failureHandler: { _ in }, retryClock: monotonic))
                for i in 0..<40 { sink.log(record("r\(i) " + String(repeating: "x", count: 500))) }
                #expect(sink.statistics.totalRecordsDropped > 0)
                wall.set(to: wall.now().advanced(by: .seconds(-3_600)))  // NTP steps back an hour
                try FileManager.default.removeItem(atPath: filler)  // the fault clears
                monotonic.advance(by: .seconds(2))  // past the longest backoff
                for i in 0..<5 { sink.log(record("after \(i)")) }
                sink.close()
                #expect(try lines(of: disk + "/app.log").suffix(5) == (0..<5).map { "info after \($0)" })
                let stats = sink.statistics
                #expect(stats.recordsWritten + stats.totalRecordsDropped == 45)
            }
        }
    }

    /// A sink on `disk` with 8 KiB size rotation and the disk-full clean-up on, on a manual clock.
    private func makeEmergencySink(on disk: String) throws -> (RotatingFileSink, ManualClock) {
        let clock = makeClock()
        let sink = try RotatingFileSink(
            path: disk + "/app.log", formatter: PlainLineFormatter(),
            strategy: SizeRotation(maxBytes: 8 * 1024),
            rotation: RotationConfiguration(deletesArchivesWhenDiskFull: true),
            options: FileSinkConfiguration(clock: clock, failureHandler: { _ in }, retryClock: clock))
        return (sink, clock)
    }

    /// Logs `count` records of about 500 bytes (`r<i> yyy…`), letting the background work finish
    /// and the retry backoff pass after each.
    private func fillWithSlowRecords(_ sink: RotatingFileSink, clock: ManualClock, count: Int) {
        for i in 0..<count {
            sink.log(record("r\(i) " + String(repeating: "y", count: 500)))
            sink.waitForBackgroundWork()
            clock.advance(by: .seconds(2))
        }
    }

    @Test func theOptionalEmergencyCleanUpDeletesOldArchivesToMakeRoom() throws {
        try withTemporaryDirectory { dir in
            try FaultTools.withTmpfs(size: 64 * 1024, in: dir) { disk in
                let (sink, clock) = try makeEmergencySink(on: disk)
                fillWithSlowRecords(sink, clock: clock, count: 400)
                sink.close()
                let stats = sink.statistics
                #expect(stats.emergencyDeletions > 0)
                // No compression here: every file deleted was an uncompressed archive of 8 KiB or so.
                #expect(stats.emergencyDeletionsByKind == [.uncompressedArchive: stats.emergencyDeletions])
                let freed = stats.emergencyBytesFreed[.uncompressedArchive] ?? 0
                #expect(freed >= stats.emergencyDeletions * 7 * 1024 && freed <= stats.emergencyDeletions * 9 * 1024)
                #expect(stats.recordsWritten + stats.totalRecordsDropped == 400)
                // Writing kept going: the newest records are in the active file.
                #expect(try lines(of: disk + "/app.log").last == "info r399 " + String(repeating: "y", count: 500))
            }
        }
    }

    /// Temporary files that dead compressions left (of another process sharing the log, say) are
    /// pure waste: the disk-full clean-up deletes them first, and counts them apart.
    @Test func leftoverTemporariesAreDeletedFirstAndCountedApart() throws {
        try withTemporaryDirectory { dir in
            try FaultTools.withTmpfs(size: 64 * 1024, in: dir) { disk in
                let (sink, clock) = try makeEmergencySink(on: disk)
                // Planted after the open (which would have swept them): two 10 KiB leftovers.
                let naming = TimestampArchiveNaming()
                let leftovers = (1...2).map { index in
                    naming.archiveFileName(
                        for: ArchiveID(millisecondsSinceEpoch: 1_600_000_000_000 + Int64(index), sequence: 1),
                        base: "app.log") + ".gz.tmp"
                }
                for name in leftovers { try Data(count: 10 * 1024).write(to: URL(fileURLWithPath: disk + "/" + name)) }
                fillWithSlowRecords(sink, clock: clock, count: 200)
                sink.close()
                let stats = sink.statistics
                #expect(stats.emergencyDeletionsByKind[.leftoverTemporary] == 2)
                #expect(stats.emergencyBytesFreed[.leftoverTemporary] == 20 * 1024)
                #expect(stats.emergencyDeletionsByKind.values.reduce(0, +) == stats.emergencyDeletions)
                for name in leftovers { #expect(!FileManager.default.fileExists(atPath: disk + "/" + name)) }
                #expect(stats.recordsWritten + stats.totalRecordsDropped == 200)
            }
        }
    }

    @Test func aBufferedSinkAccountsForEveryRecordOnAFullDisk() throws {
        try withTemporaryDirectory { dir in
            try FaultTools.withTmpfs(size: 64 * 1024, in: dir) { disk in
                let filler = disk + "/filler"
                try Data(count: 24 * 1024).write(to: URL(fileURLWithPath: filler))
                let clock = makeClock()
                let sink = try RotatingFileSink(
                    path: disk + "/app.log", formatter: PlainLineFormatter(),
                    strategy: SizeRotation(maxBytes: 16 * 1024),
                    options: FileSinkConfiguration(
                        clock: clock, failureHandler: { _ in }, bufferCapacity: 3_000,
                        bufferFlushInterval: .seconds(600), retryClock: clock))
                for i in 0..<200 {
                    sink.log(record("r\(i) " + String(repeating: "x", count: 500)))
                    clock.advance(by: .milliseconds(1))
                }
                try FileManager.default.removeItem(atPath: filler)
                clock.advance(by: .seconds(2))
                for i in 200..<210 { sink.log(record("r\(i) after")) }
                sink.close()
                let stats = sink.statistics
                #expect(stats.totalRecordsDropped > 0)
                #expect(stats.recordsWritten + stats.totalRecordsDropped == 210)
                var lineCount = 0
                for name in try FileManager.default.contentsOfDirectory(atPath: disk) where name.hasPrefix("app.") {
                    let text = try String(contentsOfFile: disk + "/" + name, encoding: .utf8)
                    #expect(text.isEmpty || text.hasSuffix("\n"))
                    lineCount += text.split(separator: "\n").count
                }
                #expect(lineCount == stats.recordsWritten)
            }
        }
    }

    private func archiveSizes(_ dir: String) throws -> [(String, Int)] {
        try archiveNames(in: dir).map { ($0, try fileSize(dir + "/" + $0)) }
    }
}
