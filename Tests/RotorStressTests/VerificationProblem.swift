/// One way in which a log directory breaks the no-loss, no-duplicate, in-order rules.
enum VerificationProblem: Equatable, Sendable, CustomStringConvertible {
    /// The stream's `seq` appeared before.
    case duplicate(StreamKey, seq: Int, file: String, line: Int)
    /// The stream's `seq` is lower than one seen earlier (in name order of the files).
    case outOfOrder(StreamKey, seq: Int, previous: Int, file: String, line: Int)
    /// The stream lacks the sequence numbers `missing` below its highest one.
    case gap(StreamKey, missing: ClosedRange<Int>)
    /// The stream does not hold exactly `0..<expected` (for example its last records are missing).
    case wrongCount(StreamKey, expected: Int, found: Int, highestSeq: Int)
    /// A stream that was expected is absent altogether.
    case missingStream(StreamKey)
    /// A stream that was not expected.
    case unexpectedStream(StreamKey)
    /// A JSON object that is not a valid stress record.
    case malformedRecord(file: String, line: Int, reason: String)
    /// A file holds more than one line and is larger than the size limit.
    case oversizeFile(file: String, bytes: Int, lines: Int)
    /// A temporary file that should not outlive `close()` or recovery.
    case leftover(file: String)
    /// An archive the verifier cannot read (for `.gz`: `gzip -dc` failed, so it is not intact).
    case unreadableArchive(file: String, reason: String)
    /// One rotation's archive exists both uncompressed and compressed.
    case generationTwice(plain: String, compressed: String)
    /// Archive names do not sort in the order of their IDs.
    case nameOrderDiffersFromIDOrder

    var description: String {
        switch self {
        case .duplicate(let key, let seq, let file, let line): "\(key): duplicate seq \(seq) at \(file):\(line)"
        case .outOfOrder(let key, let seq, let previous, let file, let line):
            "\(key): seq \(seq) after \(previous) at \(file):\(line)"
        case .gap(let key, let missing): "\(key): missing seq \(missing.lowerBound)...\(missing.upperBound)"
        case .wrongCount(let key, let expected, let found, let highest):
            "\(key): \(found) records up to seq \(highest), expected \(expected)"
        case .missingStream(let key): "\(key): no records"
        case .unexpectedStream(let key): "\(key): unexpected stream"
        case .malformedRecord(let file, let line, let reason): "malformed record at \(file):\(line): \(reason)"
        case .oversizeFile(let file, let bytes, let lines):
            "\(file): \(bytes) bytes in \(lines) lines exceeds the limit"
        case .leftover(let file): "leftover temporary file \(file)"
        case .unreadableArchive(let file, let reason): "cannot read \(file): \(reason)"
        case .nameOrderDiffersFromIDOrder: "archive names do not sort in ID order"
        case .generationTwice(let plain, let compressed): "\(plain) exists both as itself and as \(compressed)"
        }
    }
}
