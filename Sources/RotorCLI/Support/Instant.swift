import RotorLibc

/// A UTC instant with nanosecond precision, as read from RFC 3339 text.
///
/// Seconds and nanoseconds are kept apart, so every four-digit year fits (an `Int64` of
/// nanoseconds would stop in 2262).
struct Instant: Comparable, Hashable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    var seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    var nanoseconds: Int64

    /// Creates an instant from seconds and a nanosecond part, normalised into range.
    init(seconds: Int64, nanoseconds: Int64 = 0) {
        self.seconds = seconds + nanoseconds.floorDivided(by: 1_000_000_000)
        self.nanoseconds = nanoseconds - nanoseconds.floorDivided(by: 1_000_000_000) * 1_000_000_000
    }

    /// Creates an instant from milliseconds since the epoch (an archive ID's time).
    init(milliseconds: Int64) {
        self.init(
            seconds: milliseconds.floorDivided(by: 1000),
            nanoseconds: (milliseconds - milliseconds.floorDivided(by: 1000) * 1000) * 1_000_000)
    }

    /// Creates an instant from nanoseconds since the epoch (a `LogTimestamp`).
    init(nanosecondsSinceEpoch: Int64) {
        self.init(
            seconds: nanosecondsSinceEpoch.floorDivided(by: 1_000_000_000),
            nanoseconds: nanosecondsSinceEpoch - nanosecondsSinceEpoch.floorDivided(by: 1_000_000_000) * 1_000_000_000)
    }

    /// Nanoseconds since the epoch, clamped to `Int64`'s range.
    var nanosecondsSinceEpoch: Int64 {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(nanoseconds)
        return overflow2 ? .max : sum
    }

    static func < (lhs: Instant, rhs: Instant) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// RFC 3339 in UTC with milliseconds, for example `2026-11-21T14:30:22.123Z`.
    var description: String { RFC3339.format(self) }
}

extension Instant {
    /// The current time (`clock_gettime(CLOCK_REALTIME)`).
    static var now: Instant {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Instant(seconds: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec))
    }
}
