import Foundation
import Logging
@_spi(RotorInternals) import RotorCore

/// A minimal formatter for sink tests: `<level> <message>\n`.
struct PlainLineFormatter: LogFormatter {
    func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        buffer.append(contentsOf: record.level.rawValue.utf8)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: record.message.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }
}

func record(_ message: String, level: Logger.Level = .info) -> LogRecord {
    LogRecord(timestamp: LogTimestamp(secondsSinceEpoch: 1_700_000_000), level: level, label: "test", message: message)
}

func lines(of path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if result.last == "" { result.removeLast() }
    return result
}

/// How many of this process's open descriptors point at `path` (read from `/proc/self/fd`).
func openDescriptorCount(for path: String) throws -> Int {
    let entries = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
    return entries.filter { entry in
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)")) == path
    }.count
}

/// Collects failure reports for assertions.
final class FailureLog: Sendable {
    private let reports = Locked<[SinkFailure]>([])
    var handler: SinkFailureHandler { { [self] failure in reports.withLock { $0.append(failure) } } }
    var all: [SinkFailure] { reports.withLock { $0 } }
    /// The reports of every kind but `.open` (where a maximum size under 1 KiB is reported).
    var afterOpen: [SinkFailure] { all.filter { $0.kind != .open } }
}
