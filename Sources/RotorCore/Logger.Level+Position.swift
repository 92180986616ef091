public import Logging

extension Logger.Level {
    /// The level's position in `Logger.Level.allCases` (trace = 0 … critical = 6), for tables
    /// indexed by level. A switch rather than `allCases.firstIndex(of:)`: it is on the write path.
    @inlinable @inline(__always)
    package var position: Int {
        switch self {
        case .trace: 0
        case .debug: 1
        case .info: 2
        case .notice: 3
        case .warning: 4
        case .error: 5
        case .critical: 6
        }
    }
}

extension Logger.Level {
    /// The level at `position` in `Logger.Level.allCases`; positions past the end give
    /// `.critical`. The inverse of ``position``.
    @inlinable @inline(__always)
    package init(position: Int) {
        switch position {
        case 0: self = .trace
        case 1: self = .debug
        case 2: self = .info
        case 3: self = .notice
        case 4: self = .warning
        case 5: self = .error
        default: self = .critical
        }
    }
}
