/// Prints lines as `cat` and `tail` show them: raw JSON lines with `--json`, text otherwise,
/// keeping only the records a ``RecordFilter`` accepts.
final class RecordPrinter {
    private let json: Bool
    private let filter: RecordFilter?
    private let maxLineBytes: Int
    /// Where lines go (standard output).
    let output: OutputBuffer
    /// How many lines were skipped for being longer than the limit; `cat` and `tail` then exit 1.
    private(set) var skippedLines = 0

    init(output: OutputBuffer, options: OutputOptions, filter: RecordFilter? = nil) {
        self.output = output
        self.json = options.json
        self.maxLineBytes = options.maxLineBytes
        self.filter = filter.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Prints `line` of the file at `path` if it passes the filter.
    ///
    /// A line that is not a JSON object is printed as is, unless a filter is set. An oversize line
    /// is skipped with a warning on standard error (after the lines printed before it) and counted
    /// in ``skippedLines``.
    func print(_ line: Line, of path: String) {
        if line.isOversize {
            skippedLines += 1
            warn("warning: \(path):\(line.number): line longer than \(maxLineBytes) bytes, skipped")
            return
        }
        if json && filter == nil {
            output.writeLine(line.bytes)
            return
        }
        guard let record = try? StrictJSONParser.parse(line.bytes), case .object = record else {
            if filter == nil { output.writeLine(line.bytes) }
            return
        }
        if let filter, !filter.accepts(record) { return }
        if json {
            output.writeLine(line.bytes)
        } else {
            output.writeLine(TextRenderer.render(record))
        }
    }

    /// Reports `message` on standard error, after the lines printed so far, on a line of its own.
    func warn(_ message: String) {
        StandardError.report(message, after: output)
    }
}
