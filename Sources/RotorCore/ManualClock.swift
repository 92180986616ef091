/// A clock that only moves when a test tells it to.
///
/// Share one instance between the sink under test and the test itself, then call
/// ``advance(by:)`` or ``set(to:)`` to step time forwards or backwards:
///
/// ```swift
/// let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_700_000_000))
/// let sink = try FileSink(path: path, formatter: JSONFormatter(), options: FileSinkConfiguration(clock: clock))
/// clock.advance(by: .seconds(3600))
/// ```
public final class ManualClock: LogClock {
    private let current: Locked<LogTimestamp>

    /// Creates a manual clock showing `start`.
    public init(_ start: LogTimestamp = LogTimestamp(secondsSinceEpoch: 0)) {
        current = Locked(start)
    }

    /// The instant the clock currently shows.
    public func now() -> LogTimestamp { current.withLock { $0 } }

    /// Moves the clock by `duration`; a negative duration steps it backwards.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }

    /// Sets the clock to `instant`, which may be earlier than the current one.
    public func set(to instant: LogTimestamp) {
        current.withLock { $0 = instant }
    }
}
