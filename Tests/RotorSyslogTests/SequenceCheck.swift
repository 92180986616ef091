import Foundation

/// What arrived of numbered records `rec:W:S` (writer W, sequence S from 0), per writer.
struct SequenceCheck {
    var arrived = 0
    var duplicates = 0
    var outOfOrder = 0
    /// Lines that hold the marker but not a whole, well-formed record (a record cut in the middle).
    var damaged = 0
    var seen: [Int: Set<Int>] = [:]

    /// Reads the records out of `lines`, checking that each carries `padding` intact.
    init(_ lines: [String], padding: String) {
        var last: [Int: Int] = [:]
        for line in lines {
            guard let range = line.range(of: "rec:") else { continue }
            let fields = line[range.upperBound...].split(separator: ":", maxSplits: 2)
            guard fields.count == 3, let writer = Int(fields[0]), let sequence = Int(fields[1]),
                fields[2] == padding
            else {
                damaged += 1
                continue
            }
            arrived += 1
            if !seen[writer, default: []].insert(sequence).inserted { duplicates += 1 }
            if let previous = last[writer], sequence <= previous { outOfOrder += 1 }
            last[writer] = sequence
        }
    }

    /// How many of `writers` x `perWriter` records never arrived.
    func missing(writers: Int, perWriter: Int) -> Int {
        (0..<writers).reduce(0) { $0 + perWriter - (seen[$1]?.count ?? 0) }
    }

    /// The message of record `sequence` of `writer`.
    static func message(writer: Int, sequence: Int, padding: String) -> String {
        "rec:\(writer):\(sequence):\(padding)"
    }
}
