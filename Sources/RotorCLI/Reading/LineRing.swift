/// Keeps the last `capacity` lines it is given, for `tail -n`.
struct LineRing {
    /// A kept line and where it came from.
    struct Entry {
        var bytes: [UInt8]
        var isOversize: Bool
        var path: String
        var number: Int
    }

    /// How many lines are kept.
    let capacity: Int
    private var entries: [Entry] = []
    private var next = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The number of lines held.
    var count: Int { entries.count }

    /// Adds a line of `path`, dropping the oldest when full.
    mutating func append(_ line: Line, of path: String) {
        guard capacity > 0 else { return }
        let entry = Entry(bytes: Array(line.bytes), isOversize: line.isOversize, path: path, number: line.number)
        if entries.count < capacity {
            entries.append(entry)
        } else {
            entries[next] = entry
            next = (next + 1) % capacity
        }
    }

    /// The lines held, oldest first.
    var ordered: [Entry] { Array(entries[next...] + entries[..<next]) }
}
