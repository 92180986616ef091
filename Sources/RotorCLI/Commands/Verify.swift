import ArgumentParser

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
            valid checksums and nothing after its last member; a damaged .gz is reported as one \
            problem, `FILE: not an intact gzip file: reason`, and the lines decompressed before \
            the damage are not listed (they may be garbage made by the damage). In-progress \
            .gz.tmp files are skipped.

            PATH may be a directory holding several logs (such as the per-level app_info.log, \
            app_warning.log, ...): each log is verified in turn, with a summary line per log \
            (`ok: LOG, F files, L lines` or `failed: LOG, ...`), then a total for all of them.

            Problems are printed as `FILE:LINE: reason` (or `FILE: reason`); the exit status is 1 \
            if there is any, in any log, 0 otherwise.
            """)

    @Argument(help: "The active log file (e.g. logs/app.log), or a directory holding one or more logs.")
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
        let locations = try LogLocation.resolveAll(path)
        let output = OutputBuffer()
        defer { output.flush() }
        var total = VerifyTally()
        var failedLogs = 0
        for location in locations {
            let tally = try verify(location, output: output)
            if locations.count > 1 { output.writeLine(tally.summary(of: location.activePath)) }
            total.add(tally)
            if !tally.isOK { failedLogs += 1 }
        }
        if locations.count == 1 {
            output.writeLine(total.summary())
        } else {
            let logs = total.isOK ? "\(locations.count) logs" : "\(failedLogs) of \(locations.count) logs"
            output.writeLine(total.summary(of: logs))
        }
        if !total.isOK {
            output.flush()
            throw ExitCode.failure
        }
    }
}
