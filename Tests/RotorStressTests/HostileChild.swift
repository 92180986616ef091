import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A `rotor-stress` child that a test acts on while it runs (stops it, changes its directory,
/// kills it), with its standard output and error in two files so that the summary line can be
/// read apart from the failure reports.
final class HostileChild {
    let process: Process
    let outputPath: String
    let errorPath: String

    /// Starts `rotor-stress` with `arguments`; its outputs go to `<directory>/<name>.out` and `.err`.
    init(_ arguments: [String], outputIn directory: String, name: String) throws {
        outputPath = directory + "/" + name + ".out"
        errorPath = directory + "/" + name + ".err"
        process = Process()
        process.executableURL = try StressBinary.url()
        process.arguments = arguments
        process.standardOutput = try Self.handle(outputPath)
        process.standardError = try Self.handle(errorPath)
        try process.run()
    }

    private static func handle(_ path: String) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Waits for the end (killing the child after `limit`) and returns what it did.
    func finish(within limit: Duration = .seconds(60)) -> StressBinary.Outcome {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { usleep(2_000) }
        if process.isRunning {
            Issue.record("rotor-stress \(process.arguments ?? []) still running after \(limit): killed")
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
        }
        process.waitUntilExit()
        return StressBinary.Outcome(
            reason: process.terminationReason, status: process.terminationStatus,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    /// Stops the child with SIGSTOP and returns once every one of its threads is stopped, so that
    /// the files it writes hold still. Returns `false` if it ended first or did not stop in time.
    func stop() -> Bool {
        guard kill(pid, SIGSTOP) == 0 else { return false }
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"),
                !tasks.isEmpty
            else { return false }
            let states = tasks.map { task -> Character? in
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { return nil }
                return stat[close...].dropFirst().first { $0 != " " }
            }
            if states.allSatisfy({ $0 == "T" || $0 == "t" }) { return true }
            if states.contains("Z") || states.contains("X") { return false }
            usleep(1_000)
        }
        return false
    }

    func resume() { kill(pid, SIGCONT) }

    /// Kills the child with SIGKILL and waits for it.
    func kill9() {
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// Polls `condition` every millisecond until it holds, the child ends, or `limit` passes.
    /// Returns whether it held while the child was still running.
    func wait(upTo limit: Duration = .seconds(20), until condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return process.isRunning }
            if !process.isRunning { return false }
            usleep(1_000)
        }
        return false
    }
}

/// Helpers shared by the hostile-directory and multi-process tests.
enum Hostile {
    /// Runs `command` with `/bin/sh -c` (`$0` is the rotor-stress binary) to the end.
    static func shell(_ command: String) throws -> StressBinary.Outcome { try StressBinary.shell(command) }

    /// The summary JSON object: the last line of standard output.
    static func summary(_ outcome: StressBinary.Outcome) throws -> [String: Any] { try StressBinary.summary(outcome) }

    /// An integer member of a summary (a missing one is recorded as an issue and read as -1).
    static func figure(_ summary: [String: Any], _ key: String) -> Int {
        guard let value = summary[key] as? Int else {
            Issue.record("summary has no integer \"\(key)\": \(summary)")
            return -1
        }
        return value
    }

    /// The file's size, or -1 when it cannot be read (without following a link).
    static func size(_ path: String) -> Int64 {
        var info = stat()
        return lstat(path, &info) == 0 ? Int64(info.st_size) : -1
    }

    /// The file's number of hard links (0 when it cannot be read; a link is not followed).
    static func linkCount(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_nlink) : 0
    }

    /// Whether `path` is a symbolic link (not followed).
    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The number of `\n` bytes in the file.
    static func newlineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The directory's entries, sorted.
    static func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// The records of `files` (in this order) in `directory`, with the torn lines' count.
    static func records(_ files: [String], in directory: String) throws -> (records: [(StreamKey, Int)], torn: Int) {
        var records: [(StreamKey, Int)] = []
        var torn = 0
        for parsed in try ParsedLogFile.parseAll(files, in: directory, expectedPad: nil) {
            torn += parsed.tornLines.count
            for line in parsed.lines {
                if case .record(let key, let seq) = line { records.append((key, seq)) }
            }
        }
        return (records, torn)
    }

    static let canDropPrivileges =
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
}
