/// What `verify` counted: files, lines and problems, for one file, one log or all of them.
struct VerifyTally {
    /// Files checked.
    var files = 0
    /// Lines read.
    var lines = 0
    /// Problems found (all of them, including those not shown).
    var problems = 0
    /// Files with at least one problem.
    var badFiles = 0

    /// Whether nothing is wrong.
    var isOK: Bool { problems == 0 }

    /// Adds the counts of a file or of a log.
    mutating func add(_ other: VerifyTally) {
        files += other.files
        lines += other.lines
        problems += other.problems
        badFiles += other.badFiles
    }

    /// The summary line: `ok: 3 files, 8 lines` or
    /// `failed: 2 problems in 1 of 3 files (8 lines read)`, with `subject` (a log, or `2 logs`)
    /// after the verdict when given.
    func summary(of subject: String? = nil) -> String {
        let prefix = subject.map { " \($0)," } ?? ""
        if isOK { return "ok:\(prefix) \(files) files, \(lines) lines" }
        return "failed:\(prefix) \(problems) problems in \(badFiles) of \(files) files (\(lines) lines read)"
    }
}
