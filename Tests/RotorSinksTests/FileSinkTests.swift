import Foundation
import Logging
import RotorCore
import RotorTestKit
import Testing

@testable import RotorSinks

@Suite struct FileSinkTests {
    @Test func writesOneLinePerRecordAndAppendsAfterReopening() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            let first = try FileSink(path: path, formatter: PlainLineFormatter())
            first.log(record("one"))
            first.log(record("two"))
            first.close()
            let second = try FileSink(path: path, formatter: PlainLineFormatter())
            second.log(record("three"))
            #expect(second.statistics.recordsWritten == 1)
            second.close()
            #expect(try lines(of: path) == ["info one", "info two", "info three"])
        }
    }

    @Test func byteCounterStartsFromTheExistingFileSize() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            try Data((String(repeating: "x", count: 1233) + "\n").utf8)
                .write(to: URL(fileURLWithPath: path))
            let sink = try FileSink(path: path, formatter: PlainLineFormatter())
            defer { sink.close() }
            let channel = try FileChannelRegistry.shared.acquire(
                ResolvedFilePath.resolve(path, createDirectories: false),
                configuration: FileChannelConfiguration(permissions: 0o644), options: FileSinkConfiguration())
            defer { FileChannelRegistry.shared.release(channel) }
            #expect(channel.byteCount == 1234)
            sink.log(record("abc"))
            #expect(channel.byteCount == 1234 + 9)
        }
    }

    @Test func aLineTornByACrashIsTerminatedBeforeTheNextRecord() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            try Data("info whole\ninfo tor".utf8).write(to: URL(fileURLWithPath: path))
            let sink = try FileSink(path: path, formatter: PlainLineFormatter())
            sink.log(record("next"))
            sink.close()
            #expect(try lines(of: path) == ["info whole", "info tor", "info next"])
        }
    }

    @Test func sinksNamingOneFileShareOneDescriptor() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
            // A link in the directory part of the path is resolved once, at open, and is fine.
            try FileManager.default.createSymbolicLink(atPath: dir + "/linkdir", withDestinationPath: dir)
            let a = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            let b = try FileSink(path: dir + "/./sub/../app.log", formatter: PlainLineFormatter())
            let c = try FileSink(path: dir + "/linkdir/app.log", formatter: PlainLineFormatter())
            #expect(a.canonicalPath == b.canonicalPath)
            #expect(a.canonicalPath == c.canonicalPath)
            #expect(try openDescriptorCount(for: a.canonicalPath) == 1)
            a.close()
            b.close()
            #expect(try openDescriptorCount(for: c.canonicalPath) == 1)
            c.close()
            #expect(try openDescriptorCount(for: c.canonicalPath) == 0)
        }
    }

    @Test func twoRoutesToOnePathProduceWholeInterleavedLines() throws {
        try withTemporaryDirectory { dir in
            let a = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            let b = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            let threads = 8, perThread = 2_000
            let padding = String(repeating: "p", count: 300)
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let sink = t.isMultiple(of: 2) ? a : b
                for i in 0..<perThread { sink.log(record("t\(t) s\(i) \(padding)")) }
            }
            a.close()
            b.close()
            let all = try lines(of: dir + "/app.log")
            #expect(all.count == threads * perThread)
            var next = [Int](repeating: 0, count: threads)
            for line in all {
                let parts = line.split(separator: " ")
                #expect(parts.count == 4 && parts[3] == Substring(padding))
                let t = Int(parts[1].dropFirst())!, s = Int(parts[2].dropFirst())!
                #expect(s == next[t])
                next[t] = s + 1
            }
            #expect(next == [Int](repeating: perThread, count: threads))
            #expect(a.statistics.recordsWritten == threads * perThread)
        }
    }

    @Test func disagreeingConfigurationsOfOnePathThrow() throws {
        try withTemporaryDirectory { dir in
            let a = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            defer { a.close() }
            var options = FileSinkConfiguration()
            options.permissions = 0o600
            #expect {
                _ = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter(), options: options)
            } throws: { error in
                (error as? SinkError)?.code == .conflictingConfiguration
            }
        }
    }

    @Test func invalidPathsThrowTypedErrorsAndCreateNothing() throws {
        try withTemporaryDirectory { dir in
            func code(_ path: String, create: Bool = false) -> SinkError.Code? {
                do {
                    _ = try FileSink(
                        path: path, formatter: PlainLineFormatter(),
                        options: FileSinkConfiguration(createDirectories: create))
                    return nil
                } catch let error as SinkError {
                    return error.code
                } catch {
                    return nil
                }
            }
            #expect(code("") == .invalidPath)
            #expect(code(dir + "/a\0b.log") == .invalidPath)
            #expect(code(dir + "/" + String(repeating: "n", count: 256)) == .invalidPath)
            #expect(code(dir) == .pathIsDirectory)
            #expect(code(dir + "/") == .pathIsDirectory)
            #expect(code(dir + "/missing/app.log") == .directoryMissing)
            #expect(mkfifo(dir + "/fifo", 0o644) == 0)
            #expect(code(dir + "/fifo") == .unsupportedFileType)
            let entries = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(entries == ["fifo"])
        }
    }

    @Test func createsMissingDirectoriesWhenAsked() throws {
        try withTemporaryDirectory { dir in
            let sink = try FileSink(
                path: dir + "/a/b/c/app.log", formatter: PlainLineFormatter(),
                options: FileSinkConfiguration(createDirectories: true))
            sink.log(record("hello"))
            sink.close()
            #expect(try lines(of: dir + "/a/b/c/app.log") == ["info hello"])
        }
    }

    @Test func recordsAfterCloseAreCountedAsDropped() throws {
        try withTemporaryDirectory { dir in
            let sink = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            sink.log(record("kept"))
            sink.close()
            sink.close()
            sink.log(record("late"))
            let stats = sink.statistics
            #expect(stats.recordsWritten == 1)
            #expect(stats.recordsDropped[.closed] == 1)
            #expect(try lines(of: dir + "/app.log") == ["info kept"])
        }
    }

    @Test func writeFailuresAreCountedReportedOnceAndRetriedWithBackoff() throws {
        // /dev/full fails every write with ENOSPC.
        let failures = FailureLog()
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_000))
        let sink = try FileSink(
            path: "/dev/full", formatter: PlainLineFormatter(),
            options: FileSinkConfiguration(clock: clock, failureHandler: failures.handler, retryClock: clock))
        defer { sink.close() }
        for i in 0..<100 { sink.log(record("r\(i)")) }
        clock.advance(by: .milliseconds(2))
        sink.log(record("after backoff"))
        let stats = sink.statistics
        #expect(stats.recordsWritten == 0)
        #expect(stats.recordsDropped[.writeFailure] == 101)
        // One attempt at the start, none while backing off, one after the 1 ms delay.
        #expect(stats.failures[.write] == 2)
        #expect(failures.all.count == 1)
        #expect(failures.all.first?.transition == .failing)
        #expect((failures.all.first?.cause as? SystemCallError) == .noSpace)
    }
}
