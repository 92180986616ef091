/// What ``LogVerifier`` found in a log directory.
struct VerificationReport: Sendable, CustomStringConvertible {
    /// What a stream looked like: records found and highest `seq` (-1 when empty).
    struct StreamFigures: Equatable, Sendable {
        var records = 0
        var highestSeq = -1
    }

    /// The files read, oldest archive first and the active file last (names, no directory).
    var files: [String] = []
    /// Parsable records over all files.
    var recordCount = 0
    /// Per stream figures.
    var streams: [StreamKey: StreamFigures] = [:]
    /// Unparsable lines; they are problems unless the caller allows crash tails.
    var tornLines: [TornLine] = []
    /// Every rule broken, at most ``maximumStoredProblems`` of them (``problemCount`` counts all).
    var problems: [VerificationProblem] = []
    /// How many problems were found in all.
    var problemCount = 0

    /// How many problems are kept for the message.
    static let maximumStoredProblems = 200

    /// No problem and no torn line.
    var isClean: Bool { problemCount == 0 && tornLines.isEmpty }

    mutating func add(_ problem: VerificationProblem) {
        problemCount += 1
        if problems.count < Self.maximumStoredProblems { problems.append(problem) }
    }

    var description: String {
        var lines = [
            "\(files.count) files, \(recordCount) records, \(streams.count) streams, "
                + "\(problemCount) problems, \(tornLines.count) torn lines"
        ]
        lines += problems.prefix(30).map { "  " + $0.description }
        lines += tornLines.prefix(30).map { "  " + $0.description }
        return lines.joined(separator: "\n")
    }
}
