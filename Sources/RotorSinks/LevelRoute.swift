public import Logging
public import RotorCore

/// One route of a ``LevelRouterSink``: the levels it takes and the sink they go to.
public struct LevelRoute: Sendable {
    /// The levels this route accepts, for example `.trace ... .info`.
    public var levels: ClosedRange<Logger.Level>
    /// Where records of those levels go.
    public var sink: any LogSink

    /// Creates a route for a range of levels.
    public init(_ levels: ClosedRange<Logger.Level>, to sink: any LogSink) {
        self.levels = levels
        self.sink = sink
    }

    /// Creates a route for a single level.
    public init(_ level: Logger.Level, to sink: any LogSink) {
        self.init(level...level, to: sink)
    }
}
