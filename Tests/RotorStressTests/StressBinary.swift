import Foundation
import RotorTestKit

/// The built `rotor-stress` executable, run as a child process.
///
/// It is found next to the test bundle (SwiftPM puts both in `.build/<triple>/debug/`), or at the
/// path in the `ROTOR_STRESS_BINARY` environment variable.
enum StressBinary {
    /// What a finished child did.
    struct Outcome {
        var reason: Process.TerminationReason
        var status: Int32
        var standardOutput: String
        var standardError: String

        var exitedCleanly: Bool { reason == .exit && status == 0 }
    }

    static func url() throws -> URL {
        try BuiltProduct.url(named: "rotor-stress", override: "ROTOR_STRESS_BINARY")
    }

    /// Starts the binary; its output goes to `outputPath` (standard output and error together)
    /// or is discarded.
    static func launch(_ arguments: [String], outputPath: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        if let outputPath {
            _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    /// Runs the binary to the end and collects its output.
    static func run(_ arguments: [String]) throws -> Outcome {
        try collect(try url(), arguments)
    }

    /// Runs `executable` to the end and collects its standard output and error.
    static func collect(_ executable: URL, _ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Both outputs are a few lines; reading one to its end cannot block on the other.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            reason: process.terminationReason, status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}
