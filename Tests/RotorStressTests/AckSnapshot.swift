import Foundation

/// The acknowledgement file of one run as read by the process that killed it: slot `t` is the
/// last acknowledged `seq` of thread `t`, or -1 (also for a slot the file is too short to hold).
struct AckSnapshot: Equatable {
    var lastAcknowledged: [Int]

    init(lastAcknowledged: [Int]) { self.lastAcknowledged = lastAcknowledged }

    /// Reads `path` for `threads` slots; a missing file means nothing was acknowledged.
    init(path: String, threads: Int) {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        lastAcknowledged = (0..<threads).map { thread in
            let start = data.startIndex + 8 * thread
            guard data.count >= 8 * (thread + 1) else { return -1 }
            let value = data[start..<(start + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return Int(Int64(bitPattern: value))
        }
    }

    /// Whether any thread has acknowledged a record.
    var hasProgress: Bool { lastAcknowledged.contains { $0 >= 0 } }
}
