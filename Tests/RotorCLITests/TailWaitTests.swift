import Foundation
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `tail -f` on a log that does not exist yet, and `tail` with a line over the limit.
@Suite struct TailWaitTests {
    @Test(arguments: [false, true])
    func tailFollowWaitsForALogThatDoesNotExistYet(directoryExists: Bool) async throws {
        try await withTemporaryDirectory { dir in
            let logs = dir + "/logs"
            if directoryExists {
                try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            }
            let output = dir + "/tail.out"
            let errors = dir + "/tail.err"
            let child = try RotorBinary.launch(
                ["tail", "-f", "--json", "--poll-interval", "20", logs + "/app.log"], standardOutput: output,
                standardError: errors)
            defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

            try await Task.sleep(for: .milliseconds(400))
            #expect(child.isRunning, "tail -f must wait, not exit: \(Self.read(errors))")
            #expect(Self.read(errors).contains("waiting for"))
            if !directoryExists {
                try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            }
            try await Task.sleep(for: .milliseconds(100))
            // A real sink, rotating: the log appears, is written and rotated; all of it is printed.
            try LogFixture.write(0..<80, in: logs, maxBytes: 3_000, compress: true)
            #expect(try LogFixture.archives(in: logs).count >= 2)
            try await Self.waitFor(LogFixture.line(79), in: output)
            child.terminate()
            child.waitUntilExit()
            #expect(child.terminationReason == .exit && child.terminationStatus == 0)
            let lines = Self.read(output).split(separator: "\n").map(String.init)
            #expect(lines == (0..<80).map(LogFixture.line), "stderr: \(Self.read(errors))")
        }
    }

    @Test func tailWithoutFollowStillFailsAtOnceOnAMissingLog() throws {
        try withTemporaryDirectory { dir in
            let outcome = try RotorBinary.run(["tail", dir + "/missing/app.log"])
            #expect(outcome.status == 66, "\(outcome)")
        }
    }

    @Test func tailFailsAfterSkippingALineOverTheLimit() throws {
        try withTemporaryDirectory { dir in
            let long = #"{"message":""# + String(repeating: "x", count: 5_000) + #""}"#
            let content = [LogFixture.line(0), long, LogFixture.line(1)].map { $0 + "\n" }.joined()
            try LogFixture.writeFile("app.log", Array(content.utf8), in: dir)
            let outcome = try RotorBinary.run(["tail", "--json", "--max-line-bytes", "1000", dir + "/app.log"])
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.lines == [LogFixture.line(0), LogFixture.line(1)])
            #expect(outcome.standardError == "rotor: warning: \(dir)/app.log:2: line longer than 1000 bytes, skipped\n")
        }
    }

    private static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Polls `path` until it contains `text`, for at most 30 seconds.
    private static func waitFor(_ text: String, in path: String) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if read(path).contains(text) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
