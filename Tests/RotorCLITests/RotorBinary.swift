import Foundation
import RotorTestKit

/// The built `rotor` executable, run as a child process, as argument-parser's
/// `AssertExecuteCommand` does.
///
/// It is found next to the test bundle (SwiftPM puts both in `.build/<triple>/debug/`), or at the
/// path in the `ROTOR_BINARY` environment variable.
enum RotorBinary {
    /// What a finished run did.
    struct Outcome: CustomStringConvertible {
        var reason: Process.TerminationReason
        var status: Int32
        var standardOutput: String
        var standardError: String

        /// The standard output's lines (without the final empty one).
        var lines: [String] {
            var lines = standardOutput.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            return lines
        }

        var description: String {
            "exit \(status) (\(reason == .exit ? "exited" : "signalled"))\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)"
        }
    }

    static func url() throws -> URL {
        try BuiltProduct.url(named: "rotor", override: "ROTOR_BINARY")
    }

    /// Runs `rotor` with `arguments` to the end; its output goes through files, so neither stream
    /// can fill up and block it.
    static func run(
        _ arguments: [String], currentDirectory: String? = nil, discardOutput: Bool = false
    ) throws -> Outcome {
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outputPath = discardOutput ? "/dev/null" : scratch + "/stdout"
        let errorPath = scratch + "/stderr"
        let process = try launch(
            arguments, standardOutput: outputPath, standardError: errorPath, currentDirectory: currentDirectory)
        process.waitUntilExit()
        return Outcome(
            reason: process.terminationReason, status: process.terminationStatus,
            standardOutput: discardOutput ? "" : try String(contentsOfFile: outputPath, encoding: .utf8),
            standardError: try String(contentsOfFile: errorPath, encoding: .utf8))
    }

    /// Runs `rotor` with its standard output and error going to one file, as on a terminal,
    /// where both show in the order written.
    ///
    /// - Returns: The exit status and what both streams wrote, interleaved.
    static func runMerged(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let path = scratch + "/merged"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.standardOutput = handle  // one open file for both: one shared offset
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOfFile: path, encoding: .utf8))
    }

    /// Starts `rotor` with its standard output and error going to files.
    static func launch(
        _ arguments: [String], standardOutput: String, standardError: String, currentDirectory: String? = nil
    ) throws -> Process {
        if standardOutput != "/dev/null" { _ = FileManager.default.createFile(atPath: standardOutput, contents: nil) }
        _ = FileManager.default.createFile(atPath: standardError, contents: nil)
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.standardOutput =
            standardOutput == "/dev/null"
            ? FileHandle.nullDevice : try FileHandle(forWritingTo: URL(fileURLWithPath: standardOutput))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: standardError))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func makeScratchDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "rotor-cli-output-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
