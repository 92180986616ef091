import Foundation
import RotorCore
import RotorSinks
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct TailCommandTests {
    @Test func tailPrintsTheLastRecordsAcrossArchives() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.writeArchive(
                LogFixture.archiveName(atSecond: 10, compressed: true), records: 0..<10, in: dir)
            try LogFixture.writeArchive(LogFixture.archiveName(atSecond: 20), records: 10..<20, in: dir)
            try LogFixture.writeFile(
                "app.log", Array((20..<23).map { LogFixture.line($0) + "\n" }.joined().utf8), in: dir)

            let eight = try RotorBinary.run(["tail", "-n", "8", "--json", dir + "/app.log"])
            #expect(eight.status == 0, "\(eight)")
            #expect(eight.lines == (15..<23).map(LogFixture.line))

            let fifteen = try RotorBinary.run(["tail", "--lines", "15", "--json", dir + "/app.log"])
            #expect(LogFixture.recordNumbers(fifteen.lines) == Array(8..<23))

            let standard = try RotorBinary.run(["tail", dir + "/app.log"])
            #expect(standard.lines.count == 10)
            #expect(standard.lines.last == "2026-11-21T14:00:22.000000Z INFO     [test] record 22 n=22")

            let none = try RotorBinary.run(["tail", "-n", "0", dir + "/app.log"])
            #expect(none.status == 0 && none.lines.isEmpty)
        }
    }

    @Test func aFileLeftBetweenLinkAndRenameIsReadOnce() throws {
        try withTemporaryDirectory { dir in
            // A writer that died between link(active, archive) and rename(next, active) leaves one
            // file under two names; the library removes the archive name at its next open.
            try LogFixture.writeArchive(LogFixture.archiveName(atSecond: 10), records: 0..<5, in: dir)
            let newest = LogFixture.archiveName(atSecond: 20)
            try LogFixture.writeArchive(newest, records: 5..<9, in: dir)
            #expect(link(dir + "/" + newest, dir + "/app.log") == 0)

            let cat = try RotorBinary.run(["cat", "--json", dir + "/app.log"])
            #expect(LogFixture.recordNumbers(cat.lines) == Array(0..<9), "\(cat)")
            let tail = try RotorBinary.run(["tail", "-n", "100", "--json", dir + "/app.log"])
            #expect(LogFixture.recordNumbers(tail.lines) == Array(0..<9), "\(tail)")
        }
    }

    @Test func tailFollowsTwentyRotationsWithoutMissingOrRepeatingARecord() async throws {
        try await withTemporaryDirectory { dir in
            let total = 1_500
            let sink = try LogFixture.sink(in: dir, maxBytes: 6_000, compress: true)
            for index in 0..<40 { sink.log(LogFixture.record(index)) }  // some archives exist before tail starts

            let output = dir + "/tail.out"
            let errors = dir + "/tail.err"
            let child = try RotorBinary.launch(
                ["tail", "-f", "-n", "100000", "--json", "--poll-interval", "20", dir + "/app.log"],
                standardOutput: output, standardError: errors)
            defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

            // Once the child has printed the backlog it is following: the writer goes on, in bursts
            // with pauses shorter and longer than the poll interval, so that some polls see one
            // rotation and others several (compression runs meanwhile and removes the plain files).
            try await waitFor(LogFixture.line(39), in: output)
            let rotationsBefore = sink.statistics.rotations
            for index in 40..<total {
                sink.log(LogFixture.record(index))
                if index % 25 == 0 { try await Task.sleep(for: .milliseconds(3)) }
                if index % 150 == 0 { try await Task.sleep(for: .milliseconds(45)) }
            }
            let rotations = sink.statistics.rotations - rotationsBefore
            sink.close()
            #expect(rotations >= 20)

            try await waitFor(LogFixture.line(total - 1), in: output)
            child.terminate()  // SIGTERM: tail flushes and exits 0
            child.waitUntilExit()
            #expect(child.terminationReason == .exit)
            #expect(child.terminationStatus == 0)

            let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
            let numbers = LogFixture.recordNumbers(lines)
            let exactlyOnceInOrder = numbers == Array(0..<total)
            #expect(
                exactlyOnceInOrder,
                "\(Self.differences(numbers, total)); stderr: \((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")"
            )
            let printedAsWritten = lines == (0..<total).map(LogFixture.line)
            #expect(printedAsWritten, "every line is printed exactly as written")
        }
    }

    @Test func tailFollowStopsCleanlyOnSIGINT() async throws {
        try await withTemporaryDirectory { dir in
            try LogFixture.writeFile("app.log", Array((LogFixture.line(1) + "\n").utf8), in: dir)
            let output = dir + "/tail.out"
            let child = try RotorBinary.launch(
                ["tail", "-f", "--json", "--poll-interval", "20", dir + "/app.log"], standardOutput: output,
                standardError: dir + "/tail.err")
            defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline,
                (try? String(contentsOfFile: output, encoding: .utf8))?.isEmpty ?? true
            {
                try await Task.sleep(for: .milliseconds(20))
            }
            child.interrupt()
            child.waitUntilExit()
            #expect(child.terminationReason == .exit && child.terminationStatus == 0)
            #expect(try String(contentsOfFile: output, encoding: .utf8) == LogFixture.line(1) + "\n")
        }
    }

    /// What is wrong with a sequence of record numbers, briefly.
    private static func differences(_ numbers: [Int], _ total: Int) -> String {
        var seen = Set<Int>()
        let repeated = numbers.filter { !seen.insert($0).inserted }
        let missing = (0..<total).filter { !seen.contains($0) }
        let firstOutOfOrder = zip(numbers, numbers.dropFirst()).first { $0 >= $1 }
        return "\(numbers.count) records; missing \(missing.prefix(20)); repeated \(repeated.prefix(20)); "
            + "first out of order \(firstOutOfOrder.map { "\($0) then \($1)" } ?? "none")"
    }

    /// Polls `path` until it contains `text`, for at most 30 seconds.
    private func waitFor(_ text: String, in path: String) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let content = try? String(contentsOfFile: path, encoding: .utf8), content.contains(text) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
