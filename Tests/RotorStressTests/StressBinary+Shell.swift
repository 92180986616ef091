import Foundation
import Testing

extension StressBinary {
    /// Runs `command` with `/bin/sh -c` (`$0` is the rotor-stress binary: `exec prlimit … "$0" …`)
    /// and returns the outcome.
    static func shell(_ command: String) throws -> Outcome {
        try collect(URL(fileURLWithPath: "/bin/sh"), ["-c", command, try url().path])
    }

    /// The summary line (the last line of standard output) as a JSON object.
    static func summary(_ outcome: Outcome) throws -> [String: Any] {
        let line = try #require(
            outcome.standardOutput.split(separator: "\n").last, "no summary; stderr: \(outcome.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}
