import ArgumentParser

/// How `cat` and `tail` print records.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print each record as stored (one JSON line) instead of as text.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "The longest line kept in memory, in bytes; longer lines are skipped with a warning.",
            visibility: .hidden))
    var maxLineBytes = LineSplitter.defaultMaxLineBytes

    func validate() throws {
        guard maxLineBytes > 0 else { throw ValidationError("--max-line-bytes must be positive") }
    }
}
