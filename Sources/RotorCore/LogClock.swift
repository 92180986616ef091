/// A source of wall-clock time, injected into each sink instance.
///
/// Rotor never reads a global clock: every sink, rotation strategy and retention policy is given a
/// clock, so tests can drive time with ``ManualClock`` without affecting other tests running in
/// parallel. Implementations must be cheap and thread-safe: ``now()`` is called on the logging path.
public protocol LogClock: Sendable {
    /// The current wall-clock instant.
    func now() -> LogTimestamp
}

/// The system's real-time clock (`CLOCK_REALTIME`), the default clock of every sink.
public struct SystemClock: LogClock {
    /// Creates the system clock.
    public init() {}

    /// The current wall-clock time.
    @inlinable
    public func now() -> LogTimestamp { LogTimestamp.now() }
}
