import ArgumentParser

/// swift-log's levels, as the JSON formatter writes them, from the least to the most severe.
enum LogLevel: String, CaseIterable, Comparable, ExpressibleByArgument {
    case trace, debug, info, notice, warning, error, critical

    /// The level named in a record (case-insensitive).
    init?(recordValue: String) {
        self.init(rawValue: recordValue.lowercased())
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}
