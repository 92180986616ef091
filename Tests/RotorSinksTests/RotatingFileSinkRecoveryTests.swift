import Foundation
@_spi(RotorInternals) import RotorCore
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

@Suite struct RotatingFileSinkRecoveryTests {
    @Test func leftoversOfAnInterruptedRotationAreCleanedAtOpen() throws {
        try withTemporaryDirectory { dir in
            let active = dir + "/app.log"
            try Data("info a\ninfo b\n".utf8).write(to: URL(fileURLWithPath: active))
            // Killed after preparing the next file and after link(active, archive), before rename.
            try Data().write(to: URL(fileURLWithPath: dir + "/.app.log.rotor-next-4242-7"))
            let archive = dir + "/app.2026-11-21T12-00-00.000Z.001.log"
            #expect(link(active, archive) == 0)
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1 << 20))
            sink.close()
            let names = try FileManager.default.contentsOfDirectory(atPath: dir)
                .filter { !$0.hasPrefix(".app.log.rotor-state") && $0 != ".app.log.rotor-lock" }
            #expect(names == ["app.log"])
            #expect(try lines(of: active) == ["info a", "info b"])
        }
    }

    @Test func lookAlikeFilesAreNeverTakenForArchives() throws {
        try withTemporaryDirectory { dir in
            let foreign = [
                "app.log.1", "app.log.foo", "app.2026-13-45T00-00-00.000Z.001.log",
                "other.2026-11-21T12-00-00.000Z.001.log", "app.2026-11-21T12-00-00.000Z.001.log.bak",
            ]
            for name in foreign { try Data("foreign \(name)\n".utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
            try FileManager.default.createDirectory(
                atPath: dir + "/app.2026-11-21T12-00-00.000Z.002.log", withIntermediateDirectories: false)
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 20))
            #expect(sink.archives.isEmpty)
            for i in 0..<5 { sink.log(recordOfSize(15, Character(String(i)))) }
            sink.close()
            #expect(sink.archives.count == 4)
            for name in foreign {
                #expect(try String(contentsOfFile: dir + "/" + name, encoding: .utf8) == "foreign \(name)\n")
            }
            var isDirectory: ObjCBool = false
            #expect(
                FileManager.default.fileExists(
                    atPath: dir + "/app.2026-11-21T12-00-00.000Z.002.log",
                    isDirectory: &isDirectory) && isDirectory.boolValue)
        }
    }

    @Test func theActivePathExistsAtEveryInstantOfRotation() throws {
        try withTemporaryDirectory { dir in
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1 << 30))
            sink.log(record("seed"))
            let done = Locked(false)
            let misses = Locked(0)
            let reader = Thread {
                while !done.withLock({ $0 }) {
                    let fd = open(dir + "/app.log", O_RDONLY)
                    if fd >= 0 { close(fd) } else if errno == ENOENT { misses.withLock { $0 += 1 } }
                }
            }
            reader.start()
            for i in 0..<500 {
                sink.log(record("r\(i)"))
                sink.rotate()
            }
            done.withLock { $0 = true }
            sink.close()
            #expect(misses.withLock { $0 } == 0)
            #expect(sink.statistics.rotations == 500)
            #expect(sink.statistics.zeroGapFallbacks == 0)
            #expect(sink.statistics.rotationPauseMaxNanoseconds > 0)
        }
    }

    @Test func aFileMovedAwayIsNoticedAndReopened() throws {
        try withTemporaryDirectory { dir in
            var options = FileSinkConfiguration()
            options.externalChangeRecords = 1
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1 << 20), options: options)
            sink.log(record("a"))
            try FileManager.default.moveItem(atPath: dir + "/app.log", toPath: dir + "/app.log.1")
            sink.log(record("b"))
            sink.log(record("c"))
            sink.close()
            #expect(try lines(of: dir + "/app.log.1") == ["info a"])
            #expect(try lines(of: dir + "/app.log") == ["info b", "info c"])
            #expect(sink.statistics.reopenings == 1)
        }
    }

    @Test func aRemovedDirectoryIsRecreatedWhenAllowed() throws {
        try withTemporaryDirectory { dir in
            var options = FileSinkConfiguration(createDirectories: true)
            options.externalChangeRecords = 1
            let sink = try RotatingFileSink(
                path: dir + "/logs/app.log", formatter: PlainLineFormatter(),
                strategy: SizeRotation(maxBytes: 1 << 20), options: options)
            sink.log(record("a"))
            #expect(try lines(of: dir + "/logs/app.log") == ["info a"])  // checked: in place
            sink.log(record("b"))
            try FileManager.default.removeItem(atPath: dir + "/logs")
            sink.log(record("c"))
            sink.close()
            // "b" was written after the last check that found the file in place, so it may have
            // been written after the removal: it is copied out of the deleted file with "c".
            #expect(try lines(of: dir + "/logs/app.log") == ["info b", "info c"])
            #expect(sink.statistics.reopenings == 1)
            #expect(sink.statistics.recordsWrittenToDetachedFile == 0)
        }
    }

    @Test func anExternalTruncationResetsTheByteCounterWithoutHoles() throws {
        try withTemporaryDirectory { dir in
            var options = FileSinkConfiguration()
            options.externalChangeRecords = 1
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 100), options: options)
            for _ in 0..<3 { sink.log(recordOfSize(30)) }
            #expect(truncate(dir + "/app.log", 0) == 0)  // copytruncate
            sink.log(recordOfSize(30))
            sink.log(recordOfSize(30))
            sink.close()
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/app.log"))
            #expect(bytes.count == 60)
            #expect(!bytes.contains(0))
            #expect(try archiveNames(in: dir).isEmpty)  // 60 bytes: no rotation was due
        }
    }

    @Test func aFailedRotationKeepsWritingAndRetriesWithBackoff() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock()
            let failures = FailureLog()
            let sink = try makeRotatingSink(
                dir, strategy: SizeRotation(maxBytes: 100), clock: clock,
                options: FileSinkConfiguration(failureHandler: failures.handler))
            // The next files are `.app.log.rotor-next-<pid>-<serial>`, serials counting up from the
            // one prepared at open. Directories at the next two names make both the background's
            // preparation after the first rotation and the second rotation's own attempt fail.
            let prepared = try FileManager.default.contentsOfDirectory(atPath: dir)
                .filter { $0.hasPrefix(".app.log.rotor-next-") }
            #expect(prepared.count == 1)
            let parts = prepared[0].dropFirst(".app.log.rotor-next-".count).split(separator: "-")
            let (pid, serial) = (String(parts[0]), Int(parts[1])!)
            for taken in [serial + 1, serial + 2] {
                try FileManager.default.createDirectory(
                    atPath: dir + "/.app.log.rotor-next-\(pid)-\(taken)", withIntermediateDirectories: false)
            }
            sink.log(recordOfSize(60, "a"))
            sink.log(recordOfSize(60, "b"))  // rotates into the prepared file
            sink.waitForBackgroundWork()  // the next one cannot be prepared
            #expect(sink.statistics.nextFilePreparationFailures == 1)
            sink.log(recordOfSize(60, "c"))  // rotation due, fails: the record goes to the current file
            #expect(sink.statistics.rotationsDeferred == 1)
            #expect(try fileSize(dir + "/app.log") == 120)
            #expect(try archiveNames(in: dir).count == 1)
            sink.waitForBackgroundWork()  // a new next file is prepared
            sink.log(recordOfSize(10, "d"))  // still backing off (clock has not moved): no attempt
            #expect(sink.statistics.rotationsDeferred == 1)
            clock.advance(by: .milliseconds(5))
            sink.log(recordOfSize(10, "e"))  // retried: rotates
            sink.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 2)
            #expect(try lines(of: dir + "/" + archives[1]).map { $0.last } == ["b", "c", "d"])
            #expect(try lines(of: dir + "/app.log").map { $0.last } == ["e"])
            #expect(sink.statistics.recordsWritten == 5)
            #expect(failures.afterOpen.map(\.transition) == [.failing, .recovered])
            #expect(failures.afterOpen.allSatisfy { $0.kind == .rotate })
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
