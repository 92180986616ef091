/// A line that is not a JSON object (or not valid UTF-8), or bytes after the last `\n` of a file:
/// what a crash in the middle of a write leaves behind.
struct TornLine: Equatable, Sendable, CustomStringConvertible {
    /// The file name (no directory).
    var file: String
    /// 1-based line number in the file.
    var lineNumber: Int
    /// Byte offset of the line's start in the file.
    var offset: Int
    /// Whether the line is the file's last one.
    var isLastLine: Bool
    /// Whether the line lacks its final `\n` (the file ends in it).
    var isUnterminated: Bool
    /// The run of the nearest parsable record before it in the same file, if any.
    var runBefore: Int?
    /// The run of the record right after it in the same file, if that line is parsable.
    var runAfter: Int?
    /// The first bytes of the line, for messages.
    var excerpt: String

    var description: String {
        "torn line \(file):\(lineNumber) (offset \(offset)\(isLastLine ? ", last line" : "")"
            + "\(isUnterminated ? ", no newline" : "")): \(excerpt)"
    }
}
