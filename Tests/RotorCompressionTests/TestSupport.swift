import Foundation
import RotorCompression
import RotorCore
import Testing

#if canImport(Glibc)
import RotorTestKit
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, fast, seeded generator (SplitMix64) so random inputs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Inputs of different shapes, generated deterministically.
enum Inputs {
    static func random(count: Int, seed: UInt64) -> Data {
        var generator = SplitMix64(seed: seed)
        var words = [UInt64](repeating: 0, count: (count + 7) / 8)
        for index in words.indices { words[index] = generator.next() }
        return words.withUnsafeBytes { Data($0.prefix(count)) }
    }

    /// Log-like lines, `count` bytes in total.
    static func text(count: Int, seed: UInt64) -> Data {
        var generator = SplitMix64(seed: seed)
        let levels = ["TRACE", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR"]
        var text = ""
        text.reserveCapacity(count + 200)
        var line = 0
        while text.utf8.count < count {
            let level = levels[Int(generator.next() % UInt64(levels.count))]
            let id = generator.next() % 1_000_000
            text +=
                "2026-01-01T00:00:\(line % 60).\(line % 1000)Z \(level) app: request id=\(id) path=/api/v1/items/\(line % 977) status=200 line=\(line)\n"
            line += 1
        }
        return Data(text.utf8.prefix(count))
    }

    /// Long runs of one byte each (up to 1 MiB), a worst case for some encoders.
    static func runs(count: Int, seed: UInt64) -> Data {
        var generator = SplitMix64(seed: seed)
        var data = Data(capacity: count)
        while data.count < count {
            let length = min(count - data.count, Int(generator.next() % (1 << 20)) + 1)
            data.append(Data(repeating: UInt8(truncatingIfNeeded: generator.next()), count: length))
        }
        return data
    }
}

/// The result of running an external tool.
struct ToolResult {
    var status: Int32
    var standardOutput: Data
    var standardError: String
}

/// Runs `executable` with `arguments`; its output goes through files in `directory` (no pipe that
/// could fill up), which are removed afterwards.
func runTool(_ executable: String, _ arguments: [String], in directory: String) throws -> ToolResult {
    let outPath = directory + "/.tool-stdout"
    let errPath = directory + "/.tool-stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer {
        unlink(outPath)
        unlink(errPath)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    try process.run()
    process.waitUntilExit()
    let output = FileManager.default.contents(atPath: outPath) ?? Data()
    let error = FileManager.default.contents(atPath: errPath) ?? Data()
    return ToolResult(
        status: process.terminationStatus, standardOutput: output,
        standardError: String(decoding: error, as: UTF8.self))
}

/// `gzip -t` of the files: exit status 0 and nothing on standard error (a warning such as
/// "trailing garbage ignored" fails too).
func gzipTestPasses(_ paths: [String], in directory: String) throws -> Bool {
    let result = try runTool("/usr/bin/gzip", ["-t"] + paths, in: directory)
    if result.status != 0 || !result.standardError.isEmpty {
        Issue.record("gzip -t failed (\(result.status)): \(result.standardError)")
        return false
    }
    return true
}

/// What `gzip -dc` makes of `path`.
func gzipDecompressed(_ path: String, in directory: String) throws -> Data {
    let result = try runTool("/usr/bin/gzip", ["-dc", path], in: directory)
    #expect(result.status == 0, "gzip -dc: \(result.standardError)")
    return result.standardOutput
}

func writeFile(_ path: String, _ data: Data, mode: mode_t = 0o644) throws {
    try data.write(to: URL(fileURLWithPath: path))
    chmod(path, mode)
}

func contents(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
}

func fileStatus(_ path: String) -> stat? {
    var info = stat()
    return lstat(path, &info) == 0 ? info : nil
}

/// The names in `directory`, sorted, without the runner's own files.
func entries(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".tool-") }.sorted()
}

/// Cuts the last `count` bytes off a file.
func cutFile(_ path: String, droppingLast count: Int) {
    guard let info = fileStatus(path) else { return }
    truncate(path, info.st_size - off_t(count))
}

/// Where the symbolic link at `path` points, `nil` if `path` is not a symbolic link.
func linkTarget(_ path: String) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: path)
}
