import RotorCore

/// The system clock off by a fixed amount (`--clock-offset`): a process whose clock is ahead of or
/// behind the others', or one that was stepped before it started.
struct OffsetClock: LogClock {
    /// Added to every reading of the system clock.
    let offset: Duration

    func now() -> LogTimestamp { LogTimestamp.now().advanced(by: offset) }
}
