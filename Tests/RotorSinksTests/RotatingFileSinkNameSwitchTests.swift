import Foundation
import RotorCore
import RotorRotation
import RotorTestKit
import Testing

@testable import RotorSinks

/// A rotation moves the writers into the prepared next file at once and switches the file names
/// (`link(active, archive)`, `rename(prepared, active)`) afterwards on the background worker. These
/// tests hold the worker between the two halves to check what happens in that window.
@Suite struct RotatingFileSinkNameSwitchTests {
    /// Holds the sink's background worker until `release()`: jobs queued meanwhile wait.
    final class WorkerGate: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)

        init(_ sink: RotatingFileSink) {
            _ = sink.writer.channel.background.async { [semaphore] in semaphore.wait() }
        }

        func release() { semaphore.signal() }
    }

    private func preparedFiles(in dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".app.log.rotor-next-") }
    }

    /// A sink on `dir/app.log` (100-byte size rotation) that has written record "a" (60 bytes),
    /// prepared its next file, then rotated on record "b" with its worker held: the writers are in
    /// the prepared file and the names are not switched yet.
    private func rotatedWithNamesPending(
        _ dir: String, options: FileSinkConfiguration = FileSinkConfiguration()
    ) throws -> (RotatingFileSink, WorkerGate) {
        let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 100), options: options)
        sink.log(recordOfSize(60, "a"))
        sink.waitForBackgroundWork()
        let gate = WorkerGate(sink)
        sink.log(recordOfSize(60, "b"))
        return (sink, gate)
    }

    @Test func recordsLoggedBeforeTheNamesSwitchEndUpInTheActiveFile() throws {
        try withTemporaryDirectory { dir in
            let (sink, gate) = try rotatedWithNamesPending(dir)
            sink.log(recordOfSize(10, "c"))
            // The names are not switched yet: app.log is still the ended file.
            #expect(try lines(of: dir + "/app.log") == ["info " + String(repeating: "a", count: 54)])
            #expect(try preparedFiles(in: dir).count == 1)
            gate.release()
            sink.waitForBackgroundWork()
            #expect(try lines(of: dir + "/app.log").map(\.count) == [59, 9])
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try fileSize(dir + "/" + archives[0]) == 60)
            #expect(try preparedFiles(in: dir).count == 1)  // the next one, prepared after the switch
            sink.close()
            #expect(try preparedFiles(in: dir).isEmpty)
        }
    }

    @Test func flushSwitchesPendingNamesBeforeItReturns() throws {
        try withTemporaryDirectory { dir in
            let (sink, gate) = try rotatedWithNamesPending(dir)
            defer { gate.release() }
            sink.flush()
            #expect(try archiveNames(in: dir).count == 1)
            #expect(try fileSize(dir + "/app.log") == 60)
            #expect(try lines(of: dir + "/app.log") == ["info " + String(repeating: "b", count: 54)])
        }
    }

    @Test func aPreparedFileDeletedWhileWritersAreInItIsCopiedOutWithEveryRecord() throws {
        try withTemporaryDirectory { dir in
            let failures = FailureLog()
            let (sink, gate) = try rotatedWithNamesPending(
                dir, options: FileSinkConfiguration(failureHandler: failures.handler))
            for name in try preparedFiles(in: dir) { try FileManager.default.removeItem(atPath: dir + "/" + name) }
            sink.log(recordOfSize(10, "c"))  // into the file that has no name any more
            gate.release()
            sink.waitForBackgroundWork()
            sink.log(recordOfSize(10, "d"))
            sink.close()
            let active = try lines(of: dir + "/app.log")
            #expect(active.map { $0.last } == ["b", "c", "d"])
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try lines(of: dir + "/" + archives[0]).map { $0.last } == ["a"])
            #expect(sink.statistics.recordsWrittenToDetachedFile == 0)
            #expect(sink.statistics.recordsWritten == 4)
            #expect(failures.afterOpen.map(\.transition) == [.failing, .recovered])
            #expect(failures.afterOpen.allSatisfy { $0.kind == .rotate })
        }
    }

    /// What is done to the prepared next file before the rotation that adopts it.
    enum PreparedFileInterference: CaseIterable, Sendable {
        case deleted
        /// Replaced by a regular file with other content.
        case replacedByAForeignFile
        /// Replaced by a symbolic link to a file outside Rotor's names.
        case replacedByASymbolicLink
    }

    /// The writers move into the prepared file without checking its name (no system call in the
    /// pause): the name switch finds the interference before its rename, copies every record into a
    /// new prepared file and leaves whatever now has the hidden name alone.
    @Test(arguments: PreparedFileInterference.allCases)
    func aPreparedFileTamperedWithBeforeTheRotationLosesNoRecordAndHarmsNothing(
        _ interference: PreparedFileInterference
    ) throws {
        try withTemporaryDirectory { dir in
            let failures = FailureLog()
            let sink = try makeRotatingSink(
                dir, strategy: SizeRotation(maxBytes: 100),
                options: FileSinkConfiguration(failureHandler: failures.handler))
            sink.log(recordOfSize(60, "a"))
            sink.waitForBackgroundWork()
            let prepared = try preparedFiles(in: dir)
            #expect(prepared.count == 1)
            let hidden = dir + "/" + prepared[0]
            let victim = dir + "/victim.txt"
            try Data("victim\n".utf8).write(to: URL(fileURLWithPath: victim))
            try FileManager.default.removeItem(atPath: hidden)
            switch interference {
            case .deleted: break
            case .replacedByAForeignFile: try Data("foreign\n".utf8).write(to: URL(fileURLWithPath: hidden))
            case .replacedByASymbolicLink:
                try FileManager.default.createSymbolicLink(atPath: hidden, withDestinationPath: victim)
            }
            sink.log(recordOfSize(60, "b"))  // rotates into the file that lost its name
            sink.log(recordOfSize(10, "c"))
            sink.waitForBackgroundWork()
            sink.log(recordOfSize(10, "d"))
            sink.close()
            #expect(try lines(of: dir + "/app.log").map { $0.last } == ["b", "c", "d"])
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try lines(of: dir + "/" + archives[0]).map { $0.last } == ["a"])
            #expect(sink.statistics.rotations == 1)
            #expect(sink.statistics.rotationsDeferred == 0)
            #expect(sink.statistics.recordsWrittenToDetachedFile == 0)
            #expect(sink.statistics.recordsWritten == 4)
            #expect(failures.afterOpen.map(\.transition) == [.failing, .recovered])
            #expect(failures.afterOpen.allSatisfy { $0.kind == .rotate })
            // What someone else put at the hidden name is untouched, and so is the link's target.
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
            switch interference {
            case .deleted:
                #expect(try preparedFiles(in: dir).isEmpty)
            case .replacedByAForeignFile:
                #expect(try String(contentsOfFile: hidden, encoding: .utf8) == "foreign\n")
            case .replacedByASymbolicLink:
                #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hidden) == victim)
            }
        }
    }

    @Test func aRemovedDirectoryIsRecreatedAndTheNewestRecordsKept() throws {
        try withTemporaryDirectory { root in
            let dir = root + "/logs"
            let (sink, gate) = try rotatedWithNamesPending(dir, options: FileSinkConfiguration(createDirectories: true))
            try FileManager.default.removeItem(atPath: dir)  // the ended file goes with it
            sink.log(recordOfSize(10, "c"))
            gate.release()
            sink.waitForBackgroundWork()
            sink.close()
            #expect(try lines(of: dir + "/app.log").map { $0.last } == ["b", "c"])
            #expect(try archiveNames(in: dir).isEmpty)  // nothing was left to archive
            // "a" went with the ended file, written since the last check that found it in place
            // (none ran since the open): exactly that one is counted.
            #expect(sink.statistics.recordsWrittenToDetachedFile == 1)
        }
    }

    @Test func recordsThatCannotBeCopiedOutAreCountedAtClose() throws {
        try withTemporaryDirectory { root in
            let dir = root + "/parent/logs"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let failures = FailureLog()
            let (sink, gate) = try rotatedWithNamesPending(
                dir, options: FileSinkConfiguration(failureHandler: failures.handler))
            sink.log(recordOfSize(10, "c"))
            // Its parent too: the directory cannot be created again without createDirectories.
            try FileManager.default.removeItem(atPath: root + "/parent")
            gate.release()  // the switch fails; so does close's
            sink.close()
            // "b" and "c" in the nameless prepared file, and "a" in the ended file.
            #expect(sink.statistics.recordsWrittenToDetachedFile == 3)
            #expect(failures.afterOpen.first?.kind == .rotate)
            #expect(!FileManager.default.fileExists(atPath: dir))
        }
    }

    @Test func aRunKilledBeforeTheNamesSwitchIsFinishedAtTheNextOpen() throws {
        try withTemporaryDirectory { dir in
            let active = dir + "/app.log"
            try Data("info a\n".utf8).write(to: URL(fileURLWithPath: active))
            try Data("info b\ninfo c\n".utf8).write(to: URL(fileURLWithPath: dir + "/.app.log.rotor-next-4242-7"))
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1 << 20))
            sink.log(record("d"))
            sink.close()
            #expect(try lines(of: active) == ["info b", "info c", "info d"])
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try lines(of: dir + "/" + archives[0]) == ["info a"])
            #expect(try preparedFiles(in: dir).isEmpty)
        }
    }

    @Test func aRunKilledBetweenLinkAndSwitchKeepsOneArchive() throws {
        try withTemporaryDirectory { dir in
            let active = dir + "/app.log"
            try Data("info a\n".utf8).write(to: URL(fileURLWithPath: active))
            let archive = dir + "/app.2026-11-21T12-00-00.000Z.001.log"
            #expect(link(active, archive) == 0)
            try Data("info b\n".utf8).write(to: URL(fileURLWithPath: dir + "/.app.log.rotor-next-4242-7"))
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1 << 20))
            sink.close()
            #expect(try lines(of: active) == ["info b"])
            #expect(try archiveNames(in: dir) == ["app.2026-11-21T12-00-00.000Z.001.log"])
            #expect(try lines(of: archive) == ["info a"])
        }
    }
}
