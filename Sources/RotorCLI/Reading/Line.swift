/// One line handed out by ``LineSplitter``.
struct Line {
    /// The line's bytes without its `\n`; only valid during the callback. Empty for an oversize line.
    var bytes: UnsafeRawBufferPointer
    /// The 1-based line number within the file.
    var number: Int
    /// Whether the line ended with `\n` (the last line of a file may not).
    var isTerminated: Bool
    /// Whether the line was longer than ``LineSplitter/maxLineBytes``; its bytes were dropped.
    var isOversize: Bool
}
