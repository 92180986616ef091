import Foundation
import RotorLibc

/// Runs `body` with the path of a new, empty temporary directory, then removes the directory and
/// everything in it, whether `body` returns or throws.
///
/// The directory name starts with `prefix` (by default the calling function's name, so leftovers
/// are easy to trace) and is created with `mkdtemp(3)` under `$TMPDIR` or `/tmp`.
///
/// ```swift
/// @Test func writesOneLine() throws {
///     try withTemporaryDirectory { dir in
///         let sink = try FileSink(path: dir + "/app.log")
///         ...
///     }
/// }
/// ```
public func withTemporaryDirectory<Result>(
    prefix: String = #function,
    _ body: (String) throws -> Result
) throws -> Result {
    let path = try makeTemporaryDirectory(prefix: prefix)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// The `async` variant of ``withTemporaryDirectory(prefix:_:)``.
public func withTemporaryDirectory<Result>(
    prefix: String = #function,
    _ body: (String) async throws -> Result
) async throws -> Result {
    let path = try makeTemporaryDirectory(prefix: prefix)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// Creates a new, empty directory under `$TMPDIR` (or `/tmp`) and returns its path. The caller
/// removes it; prefer ``withTemporaryDirectory(prefix:_:)`` which does.
public func makeTemporaryDirectory(prefix: String = "rotor") throws -> String {
    let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    let safe = String(prefix.map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(40))
    var template = Array("\(base)/rotor-\(safe)-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard made != nil else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "mkdtemp failed: errno \(errno)"])
    }
    return String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
