import RotorCompression

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads every file a run left (archives oldest first, gzip ones decompressed, then the active
/// file) and checks the records against what was logged.
struct OutputVerifier {
    /// What the check found.
    struct Report: Sendable {
        var files = 0
        var lines = 0
        /// Uncompressed bytes read.
        var bytes = 0
        var parsedLines = false
        var passed = false
        var problems: [String] = []
    }

    let directory: String
    let baseName: String
    /// Other files that may be in the directory, empty (the per-level files of other levels).
    var emptyFiles: Set<String> = []
    let formatter: BenchOptions.FormatterKind
    let threads: Int
    let recordsPerThread: Int
    /// Records the sinks counted as dropped (allowed to be missing, nothing else).
    let dropped: Int
    /// Whether each line is parsed (`--verify`) or only counted.
    let parsesLines: Bool

    func verify() -> Report {
        var report = Report(parsedLines: parsesLines)
        let set: LogFileSet
        do {
            set = try LogFileSet(directory: directory, baseName: baseName, emptyFiles: emptyFiles)
        } catch {
            report.problems.append("cannot list \(directory): \(error)")
            return report
        }
        report.problems += set.problems
        var checker = LineChecker(keys: formatter == .json ? .json : .text, threads: threads, parsesLines: parsesLines)
        for file in set.files {
            do {
                if file.compressed {
                    try GzipReader(path: file.path).forEachChunk { checker.consume($0) }
                } else {
                    try Self.readPlain(file.path) { checker.consume($0) }
                }
            } catch {
                report.problems.append("cannot read \(file.path): \(error)")
            }
            checker.endOfFile()
        }
        report.files = set.files.count
        report.lines = checker.lines
        report.bytes = checker.bytes
        let expected = threads * recordsPerThread - dropped
        if checker.lines != expected {
            report.problems.append("\(checker.lines) lines, expected \(expected) (\(dropped) dropped)")
        }
        if checker.malformed > 0 { report.problems.append("\(checker.malformed) malformed or torn lines") }
        if parsesLines {
            if checker.outOfOrder > 0 {
                report.problems.append("\(checker.outOfOrder) records duplicated or out of order")
            }
            let missingAtEnd = checker.next.reduce(0) { $0 + (recordsPerThread - $1) }
            let missing = checker.skipped + missingAtEnd
            if missing != dropped {
                report.problems.append("\(missing) records missing, \(dropped) counted as dropped")
            }
        }
        report.passed = report.problems.isEmpty
        return report
    }

    /// Reads a plain file in 1 MiB chunks.
    private static func readPlain(_ path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VerifyError("open failed, errno \(errno)") }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw VerifyError("read failed, errno \(errno)")
            }
            body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
