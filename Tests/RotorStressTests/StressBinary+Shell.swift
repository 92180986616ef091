import Foundation
import Testing

extension StressBinary {
    /// Runs `command` with `/bin/sh -c` (`$0` is the rotor-stress binary: `exec prlimit … "$0" …`)
    /// and returns the outcome.
    static func shell(_ command: String) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command, try url().path]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            reason: process.terminationReason, status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// The summary line (the last line of standard output) as a JSON object.
    static func summary(_ outcome: Outcome) throws -> [String: Any] {
        let line = try #require(outcome.standardOutput.split(separator: "\n").last)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}
