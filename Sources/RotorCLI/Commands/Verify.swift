import ArgumentParser
import RotorRotation

/// `rotor verify PATH`: every line of every file is a strict JSON object, every `.gz` is intact.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that every line of a log and its archives is strict JSON and every .gz is intact.",
        discussion: """
            Every file is checked: each archive (plain and .gz, both when a rotation left both), \
            then the active file. Each line must be one JSON object under RFC 8259, read strictly: \
            no duplicate keys, no NaN or Infinity, valid UTF-8, no lone surrogate escape, no \
            unescaped control character, nothing after the value. Each line must end with a \
            newline (a missing one means a torn write). Each .gz must decompress to its end with \
            valid checksums and nothing after its last member. In-progress .gz.tmp files are \
            skipped.

            Problems are printed as `FILE:LINE: reason` (or `FILE: reason`); the exit status is 1 \
            if there is any, 0 otherwise.
            """)

    @Argument(help: "The active log file (e.g. logs/app.log), or a directory holding one log.")
    var path: String

    @Option(help: ArgumentHelp("Report at most this many problems per file.", valueName: "N"))
    var maxProblems = 20

    @Option(
        help: ArgumentHelp(
            "The longest line checked, in bytes; a longer line is a problem.", visibility: .hidden))
    var maxLineBytes = LineSplitter.defaultMaxLineBytes

    func validate() throws {
        guard maxProblems > 0 else { throw ValidationError("--max-problems must be positive") }
        guard maxLineBytes > 0 else { throw ValidationError("--max-line-bytes must be positive") }
    }

    func run() throws {
        let location = try LogLocation.resolve(path)
        let directory = try LogDirectory.stableScan(location)
        guard directory.active != nil || !directory.generations.isEmpty else {
            throw CLIError.noInput("\(location.activePath): no such log (no active file and no archive)")
        }
        let output = OutputBuffer()
        var files = directory.generations.flatMap { generation in
            generation.readOrder.map { LogSource.File(path: $0.path, isCompressed: $0.name.state == .compressed) }
        }
        if directory.active != nil { files.append(LogSource.File(path: location.activePath, isCompressed: false)) }
        var totals = (files: 0, lines: 0, problems: 0, badFiles: 0)
        for file in files {
            let result = try check(file, output: output)
            totals.files += 1
            totals.lines += result.lines
            totals.problems += result.problems
            if result.problems > 0 { totals.badFiles += 1 }
        }
        for oddity in directory.oddities where oddity.kind == .compressionTemporary {
            output.writeLine("note: skipped \(location.path(of: oddity.name)) (compression in progress or interrupted)")
        }
        if totals.problems == 0 {
            output.writeLine("ok: \(totals.files) files, \(totals.lines) lines")
            output.flush()
        } else {
            output.writeLine(
                "failed: \(totals.problems) problems in \(totals.badFiles) of \(totals.files) files (\(totals.lines) lines read)")
            output.flush()
            throw ExitCode.failure
        }
    }

    /// Checks one file; prints its problems.
    private func check(_ file: LogSource.File, output: OutputBuffer) throws -> (lines: Int, problems: Int) {
        var problems = 0
        var lines = 0
        func report(_ text: String) {
            problems += 1
            if problems <= maxProblems { output.writeLine(text) }
        }
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        let checkLine = { (line: Line) in
            lines += 1
            let location = "\(file.path):\(line.number)"
            if line.isOversize {
                report("\(location): line longer than \(maxLineBytes) bytes, not checked")
                return
            }
            do {
                try StrictJSONParser.validateObject(line.bytes)
                if !line.isTerminated { report("\(location): truncated line (no final newline)") }
            } catch {
                report("\(location): \(line.isTerminated ? "" : "truncated line: ")\(error)")
            }
        }
        switch try LogSource(files: [file]).read({ chunk in splitter.feed(chunk, checkLine) }) {
        case .complete:
            splitter.finish(checkLine)
        case .missing:
            output.writeLine("note: \(file.path) disappeared before it could be read")
        case .damaged(let path, let reason):
            report("\(path): not an intact gzip file: \(reason)")
        }
        if problems > maxProblems {
            output.writeLine("\(file.path): \(problems - maxProblems) more problems not shown")
        }
        return (lines, problems)
    }
}
