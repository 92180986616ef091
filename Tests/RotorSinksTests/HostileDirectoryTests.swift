import Foundation
import RotorCompression
import RotorCore
import RotorRetention
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

/// A log directory that someone else can write: links planted at Rotor's names, files squatting on
/// them, the directory moved or removed. Rotor must write only its own files, never through a
/// link, and lose nothing without counting it.
@Suite struct HostileDirectoryTests {
    private func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test(arguments: [false, true])
    func aLinkAtTheActivePathIsRefusedAndItsTargetUntouched(rotating: Bool) throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir + "/victim", withIntermediateDirectories: false)
            try Data("precious\n".utf8).write(to: URL(fileURLWithPath: dir + "/victim/passwd"))
            try FileManager.default.createSymbolicLink(
                atPath: dir + "/app.log", withDestinationPath: dir + "/victim/passwd")
            do {
                if rotating {
                    _ = try RotatingFileSink(
                        path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 100),
                        compression: GzipCompressor(), retention: KeepCountRetention(1))
                } else {
                    _ = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
                }
                Issue.record("a link at the active path was accepted")
            } catch let error as SinkError {
                #expect(error.code == .pathIsSymbolicLink)
                #expect(error.path == dir + "/app.log")
                #expect("\(error)".contains(dir + "/app.log"))
            }
            #expect(try contents(dir + "/victim/passwd") == Data("precious\n".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/victim") == ["passwd"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["app.log", "victim"])
        }
    }

    @Test func aLinkSwappedInWhileRunningIsNeverWrittenThrough() throws {
        try withTemporaryDirectory { dir in
            try Data("precious\n".utf8).write(to: URL(fileURLWithPath: dir + "/victim"))
            let failures = FailureLog()
            var options = FileSinkConfiguration(failureHandler: failures.handler)
            options.externalChangeRecords = 1
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1 << 20), options: options)
            for i in 0..<5 { sink.log(record("before \(i)")) }
            try FileManager.default.removeItem(atPath: dir + "/app.log")
            try FileManager.default.createSymbolicLink(atPath: dir + "/app.log", withDestinationPath: dir + "/victim")
            for i in 0..<50 { sink.log(record("after \(i)")) }
            sink.close()
            #expect(try contents(dir + "/victim") == Data("precious\n".utf8))
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/app.log")
            #expect(link == dir + "/victim")  // the link is not Rotor's: left as it is
            let statistics = sink.statistics
            #expect(statistics.recordsWritten + statistics.totalRecordsDropped == 55)
            // The 50 records after the swap went into the deleted file, which no name reaches, and
            // so did the last one before it, written after the last check that found the file.
            #expect(statistics.recordsWrittenToDetachedFile == 51)
            #expect(failures.all.contains { $0.kind == .reopen })
        }
    }

    @Test func linksAtTheHiddenNamesAreNeverFollowed() throws {
        try withTemporaryDirectory { dir in
            try Data("precious\n".utf8).write(to: URL(fileURLWithPath: dir + "/victim"))
            try FileManager.default.createSymbolicLink(
                atPath: dir + "/.app.log.rotor-state", withDestinationPath: dir + "/victim")
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 100))
            for _ in 0..<5 { sink.log(recordOfSize(40)) }
            sink.close()
            #expect(try contents(dir + "/victim") == Data("precious\n".utf8))
            // The state file was replaced by rename: the link itself is gone, its target intact.
            let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/.app.log.rotor-state")
            #expect(attributes[.type] as? FileAttributeType == .typeRegular)

            try FileManager.default.createSymbolicLink(
                atPath: dir + "/.other.log.rotor-lock", withDestinationPath: dir + "/victim")
            #expect(throws: SinkError.self) {
                _ = try RotatingFileSink(
                    path: dir + "/other.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 100))
            }
            #expect(try contents(dir + "/victim") == Data("precious\n".utf8))
        }
    }

    @Test func aLinkWithAnArchivesNameIsNeitherCompressedNorItsTargetDeleted() throws {
        try withTemporaryDirectory { dir in
            try Data("precious\n".utf8).write(to: URL(fileURLWithPath: dir + "/victim"))
            let naming = TimestampArchiveNaming()
            let old = naming.archiveFileName(
                for: ArchiveID(millisecondsSinceEpoch: 1_700_000_000_000, sequence: 1), base: "app.log")
            try FileManager.default.createSymbolicLink(atPath: dir + "/" + old, withDestinationPath: dir + "/victim")
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 100),
                compression: GzipCompressor(), retention: KeepCountRetention(1))
            for _ in 0..<10 { sink.log(recordOfSize(40)) }
            sink.waitForBackgroundWork()
            sink.close()
            #expect(try contents(dir + "/victim") == Data("precious\n".utf8))
            #expect(!FileManager.default.fileExists(atPath: dir + "/" + old + ".gz"))
        }
    }

    @Test func aForeignFileAtACompressedNameIsLeftAloneAndReported() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock()
            let failures = FailureLog()
            let first = ArchiveID.next(after: nil, now: clock.now())
            let archive = TimestampArchiveNaming().archiveFileName(for: first, base: "app.log")
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 100),
                compression: GzipCompressor(),
                options: FileSinkConfiguration(clock: clock, failureHandler: failures.handler))
            // Planted after the open (a file there at open would be taken for an archive, and the
            // first rotation would get the next name).
            try Data("not a gzip\n".utf8).write(to: URL(fileURLWithPath: dir + "/" + archive + ".gz"))
            for _ in 0..<3 { sink.log(recordOfSize(40)) }  // one rotation
            sink.waitForBackgroundWork()
            sink.close()
            #expect(try contents(dir + "/" + archive + ".gz") == Data("not a gzip\n".utf8))
            #expect(try lines(of: dir + "/" + archive).count == 2)  // kept, uncompressed
            #expect(failures.all.contains { $0.kind == .compress })
        }
    }

    /// A file planted with an archive name at the end of year 9999 (or copied from a machine whose
    /// clock was that far off): later archives are named after it while names remain, then the
    /// rotation's names fail and are reported; the sink never traps (an ID that far out used to
    /// overflow its timestamp when a name was taken), never makes a name no reader recognises, and
    /// keeps every record, through a restart too.
    @Test func aForeignArchiveAtTheEndOfYear9999NeitherCrashesNorHidesRecords() throws {
        try withTemporaryDirectory { dir in
            let foreign = "app.9999-12-31T23-59-59.999Z.997.log"
            try Data("foreign\n".utf8).write(to: URL(fileURLWithPath: dir + "/" + foreign))
            let failures = FailureLog()
            var logged = 0
            for _ in 0..<2 {
                let sink = try RotatingFileSink(
                    path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 100),
                    options: FileSinkConfiguration(clock: makeClock(), failureHandler: failures.handler))
                for _ in 0..<12 {
                    sink.log(recordOfSize(40))
                    logged += 1
                }
                sink.waitForBackgroundWork()
                sink.close()
            }
            #expect(try contents(dir + "/" + foreign) == Data("foreign\n".utf8))
            let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            let naming = TimestampArchiveNaming()
            let archives = names.filter { $0.hasPrefix("app.") && $0 != "app.log" }
            #expect(archives.allSatisfy { naming.parse(fileName: $0, base: "app.log") != nil }, "\(archives)")
            #expect(archives.contains("app.9999-12-31T23-59-59.999Z.999.log"), "\(names)")
            #expect(!failures.all.isEmpty, "no failure reported once the names ran out")
            // Every record is in a file of the directory (the last rotation's, whose names could
            // not be switched, in the prepared file that waits for them).
            let logFiles = names.filter {
                $0 != foreign && !$0.hasSuffix(".rotor-state") && !$0.hasSuffix(".rotor-lock")
            }
            let records = try logFiles.reduce(0) { $0 + (try lines(of: dir + "/" + $1).count) }
            #expect(records == logged, "\(names)")
        }
    }

    @Test func hiddenFilesFollowTheLogsPermissions() throws {
        try withTemporaryDirectory { dir in
            let sink = try makeRotatingSink(
                dir, strategy: SizeRotation(maxBytes: 100), options: FileSinkConfiguration(permissions: 0o600))
            for _ in 0..<5 { sink.log(recordOfSize(40)) }
            sink.close()
            for name in ["app.log", ".app.log.rotor-state", ".app.log.rotor-lock"] {
                let mode = try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name)")
            }
        }
    }

    @Test func theDirectoryRenamedAfterOpenKeepsReceivingTheRecords() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir + "/logs", withIntermediateDirectories: false)
            var options = FileSinkConfiguration()
            options.externalChangeRecords = 1_000_000
            options.externalChangeInterval = .seconds(3_600)
            let sink = try RotatingFileSink(
                path: dir + "/logs/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 100),
                options: options)
            sink.log(recordOfSize(40))
            // Swapped for a directory of the attacker's before the next rotation: writes, links
            // and renames stay in the directory the sink opened.
            try FileManager.default.moveItem(atPath: dir + "/logs", toPath: dir + "/moved")
            try FileManager.default.createDirectory(atPath: dir + "/logs", withIntermediateDirectories: false)
            for _ in 0..<4 { sink.log(recordOfSize(40)) }
            sink.waitForBackgroundWork()
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/logs").isEmpty)
            #expect(try archiveNames(in: dir + "/moved").count == 2)
            // Replaced by a link to somewhere else: noticed at close, and never followed.
            try FileManager.default.removeItem(atPath: dir + "/logs")
            try FileManager.default.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: dir + "/logs", withDestinationPath: dir + "/elsewhere")
            sink.close()
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/elsewhere").isEmpty)
        }
    }

    @Test func closeCountsRecordsLeftInAFileThatCannotBeReachedOrReopened() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir + "/a/logs", withIntermediateDirectories: true)
            var options = FileSinkConfiguration()
            options.externalChangeRecords = 1_000_000
            options.externalChangeInterval = .seconds(3_600)
            let sink = try FileSink(path: dir + "/a/logs/app.log", formatter: PlainLineFormatter(), options: options)
            for i in 0..<3 { sink.log(record("kept \(i)")) }
            sink.flush()
            try FileManager.default.removeItem(atPath: dir + "/a")  // cannot be re-created: its parent is gone
            for i in 0..<7 { sink.log(record("lost \(i)")) }
            sink.close()
            let statistics = sink.statistics
            #expect(statistics.recordsWritten == 10)
            // Exactly the records since the last check that found the file in place (at open: all
            // ten, since no check ran in between).
            #expect(statistics.recordsWrittenToDetachedFile == 10)
        }
    }
}
