/// Follows each stream's `seq` values in file order and reports duplicates, steps back and gaps.
struct SequenceTracker {
    private struct Stream {
        var seen: [Bool] = []
        var highest = -1
        var records = 0

        enum Outcome { case inOrder, duplicate, outOfOrder(previous: Int) }

        mutating func add(_ seq: Int) -> Outcome {
            if seq >= seen.count {
                seen.append(contentsOf: repeatElement(false, count: max(seq + 1 - seen.count, seen.count)))
            }
            if seen[seq] { return .duplicate }
            let previous = highest
            seen[seq] = true
            highest = max(highest, seq)
            records += 1
            return seq < previous ? .outOfOrder(previous: previous) : .inOrder
        }
    }

    private var streams: [StreamKey: Stream] = [:]

    /// Records `seq` of `key`, found at `file`:`line`. `seq` must be below 2^27.
    mutating func add(_ key: StreamKey, seq: Int, file: String, line: Int, report: inout VerificationReport) {
        switch streams[key, default: Stream()].add(seq) {
        case .inOrder: break
        case .duplicate: report.add(.duplicate(key, seq: seq, file: file, line: line))
        case .outOfOrder(let previous):
            report.add(.outOfOrder(key, seq: seq, previous: previous, file: file, line: line))
        }
    }

    /// Reports gaps, and with `expected` missing, short and unexpected streams; fills the figures.
    func finish(expected: [StreamKey: Int]?, into report: inout VerificationReport) {
        for (key, stream) in streams.sorted(by: { $0.key < $1.key }) {
            report.streams[key] = .init(records: stream.records, highestSeq: stream.highest)
            var missingStart: Int?
            for seq in 0...(stream.highest + 1) {
                let present = seq <= stream.highest && stream.seen[seq]
                if !present, seq <= stream.highest, missingStart == nil { missingStart = seq }
                if present || seq > stream.highest, let start = missingStart {
                    report.add(.gap(key, missing: start...(seq - 1)))
                    missingStart = nil
                }
            }
        }
        guard let expected else { return }
        for (key, count) in expected.sorted(by: { $0.key < $1.key }) {
            guard let stream = streams[key] else {
                report.add(.missingStream(key))
                continue
            }
            if stream.records != count || stream.highest != count - 1 {
                report.add(.wrongCount(key, expected: count, found: stream.records, highestSeq: stream.highest))
            }
        }
        for key in streams.keys.sorted() where expected[key] == nil {
            report.add(.unexpectedStream(key))
        }
    }
}
