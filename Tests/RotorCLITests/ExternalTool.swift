import Foundation

/// A program of the machine (`lnav`, `jq`), found on `PATH`, run to the end with its output
/// captured; tests that need one are skipped when it is not installed.
struct ExternalTool {
    /// What a finished run printed.
    struct Outcome: CustomStringConvertible {
        var status: Int32
        var standardOutput: String
        var standardError: String

        var description: String { "exit \(status)\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)" }
    }

    /// The program's path.
    let path: String

    /// The program `name` on `PATH`, `nil` when there is none.
    init?(named name: String) {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard
            let found = directories.map({ "\($0)/\(name)" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return nil }
        path = found
    }

    /// Whether `name` is installed.
    static func isInstalled(_ name: String) -> Bool { ExternalTool(named: name) != nil }

    /// Runs the program with `arguments`, standard input from `input` (a file) or empty, and the
    /// environment changed by `environment` (a `nil` value removes the variable).
    func run(_ arguments: [String], input: String? = nil, environment: [String: String?] = [:]) throws -> Outcome {
        let scratch = NSTemporaryDirectory() + "rotor-tool-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let outputPath = scratch + "/stdout"
        let errorPath = scratch + "/stderr"
        for file in [outputPath, errorPath] { _ = FileManager.default.createFile(atPath: file, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardInput =
            try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: try String(contentsOfFile: outputPath, encoding: .utf8),
            standardError: try String(contentsOfFile: errorPath, encoding: .utf8))
    }
}
