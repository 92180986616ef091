import RotorLibc

/// The system's monotonic clock (`CLOCK_MONOTONIC`), for deadlines: retries, backoff, timeouts.
///
/// Its instants count from an arbitrary point (usually the boot), not from the epoch, and never
/// step when NTP or an operator sets the wall clock. Sinks take their retry deadlines from it
/// (`FileSinkConfiguration.retryClock` in RotorSinks), so a clock stepped back an hour cannot hold a
/// retry back for an hour. Tests inject a ``ManualClock`` instead.
public struct MonotonicClock: LogClock {
    /// Creates the monotonic clock.
    public init() {}

    /// The current monotonic instant (not a calendar time).
    public func now() -> LogTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return LogTimestamp(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}
