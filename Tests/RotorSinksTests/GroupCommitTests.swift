import Foundation
@_spi(RotorInternals) import RotorCore
import RotorRotation
import RotorTestKit
import Testing

@testable import RotorSinks

/// Write-through callers that find the file busy have their records written together, in one
/// `write(2)`, by the next thread to hold the file; each still returns only once its record is out.
@Suite struct GroupCommitTests {
    /// Holds the channel's lock while `callers` threads each log `message(index)`, until all of
    /// them wait in the group being gathered; then lets go and waits for every caller to return.
    private func logWhileTheFileIsBusy(
        _ sink: RotatingFileSink, callers: Int, message: @escaping @Sendable (Int) -> String
    ) {
        let channel = sink.writer.channel
        let returned = DispatchGroup()
        channel.state.withLock { _ in
            for index in 0..<callers {
                returned.enter()
                Thread.detachNewThread {
                    sink.log(record(message(index)))
                    returned.leave()
                }
            }
            let deadline = Date().addingTimeInterval(20)
            while channel.groupCommit.gatheredRecordCount < callers, Date() < deadline { usleep(1_000) }
            // No caller may return while its record waits for the lock this test holds.
            #expect(returned.wait(timeout: .now()) == .timedOut)
        }
        returned.wait()
    }

    @Test func callersThatFindTheFileBusyAreWrittenInOneGroup() throws {
        try withTemporaryDirectory { dir in
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 1 << 20))
            sink.log(record("before"))
            logWhileTheFileIsBusy(sink, callers: 4) { "waiting \($0)" }
            let statistics = sink.statistics
            #expect(statistics.groupedWrites == 1)
            #expect(statistics.groupedRecords == 4)
            #expect(statistics.recordsWritten == 5)
            let written = try lines(of: dir + "/app.log")
            #expect(written.first == "info before")
            #expect(Set(written.dropFirst()) == Set((0..<4).map { "info waiting \($0)" }))
            sink.close()
        }
    }

    @Test func aGroupIsCutWhereTheStrategyRotates() throws {
        try withTemporaryDirectory { dir in
            let failures = FailureLog()
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 1_000),
                options: FileSinkConfiguration(failureHandler: failures.handler))
            let padding = String(repeating: "x", count: 390)
            logWhileTheFileIsBusy(sink, callers: 5) { "\($0) \(padding)" }
            sink.flush()
            let statistics = sink.statistics
            #expect(statistics.groupedRecords == 5)
            // 397 bytes a line: two fit in 1 000 bytes, so five lines make three files.
            #expect(statistics.rotations == 2)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("app") }
            #expect(files.count == 3)
            var seen: [String] = []
            for file in files {
                let size = try FileManager.default.attributesOfItem(atPath: dir + "/" + file)[.size] as? Int ?? 0
                #expect(size <= 1_000, "\(file) holds \(size) bytes")
                seen += try lines(of: dir + "/" + file)
            }
            #expect(seen.count == 5)
            #expect(Set(seen.map { $0.split(separator: " ")[1] }) == ["0", "1", "2", "3", "4"])
            #expect(failures.afterOpen.isEmpty)
            sink.close()
        }
    }

    @Test func largeBatchesWaitForTheLockInsteadOfBeingCopied() throws {
        try withTemporaryDirectory { dir in
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 1 << 20))
            let channel = sink.writer.channel
            let line = String(repeating: "y", count: 99) + "\n"
            let batch = String(repeating: line, count: (GroupCommit.largestGatheredWrite / 100) + 1)
            let returned = DispatchGroup()
            returned.enter()
            channel.state.withLock { _ in
                Thread.detachNewThread {
                    let bytes = Array(batch.utf8)
                    bytes.withUnsafeBytes { channel.write($0, records: bytes.count / 100) }
                    returned.leave()
                }
                // The batch's writer waits for the lock without adding to the group.
                #expect(returned.wait(timeout: .now() + .milliseconds(200)) == .timedOut)
                #expect(channel.groupCommit.gatheredRecordCount == 0)
            }
            returned.wait()
            sink.close()
            #expect(try lines(of: dir + "/app.log").count == batch.utf8.count / 100)
            #expect(sink.statistics.groupedWrites == 0)
        }
    }

    @Test func manyWritersLoseNothingAndKeepTheirOrder() throws {
        try withTemporaryDirectory { dir in
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 64 << 10))
            let threads = 8
            let perThread = 3_000
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                for sequence in 0..<perThread { sink.log(record("t\(thread) \(sequence)")) }
            }
            sink.close()
            let statistics = sink.statistics
            #expect(statistics.recordsWritten == threads * perThread)
            #expect(statistics.recordsDropped.isEmpty)
            #expect(statistics.groupedRecords <= threads * perThread)
            var seen = Set<String>()
            for file in try FileManager.default.contentsOfDirectory(atPath: dir) where file.hasPrefix("app") {
                var last = [Int](repeating: -1, count: threads)
                for line in try lines(of: dir + "/" + file) {
                    let parts = line.split(separator: " ")
                    let thread = Int(parts[1].dropFirst())!
                    let sequence = Int(parts[2])!
                    // Within one file, each thread's records are in the order it logged them.
                    #expect(sequence > last[thread], "\(file): t\(thread) \(sequence) after \(last[thread])")
                    last[thread] = sequence
                    #expect(seen.insert(line).inserted, "\(line) written twice")
                }
            }
            #expect(seen.count == threads * perThread)
        }
    }
}
