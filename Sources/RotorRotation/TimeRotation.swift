public import Foundation
public import RotorCore

/// Rotates the active file when its period ends: every day at a wall-clock time, at the start of
/// every local hour, or at fixed intervals.
///
/// ```swift
/// let nightly = TimeRotation.daily(at: try TimeOfDay(hour: 2, minute: 30),
///                                  in: TimeZone(identifier: "Europe/Berlin")!)
/// let hourly = TimeRotation.hourly(in: .current)
/// let every15Minutes = try TimeRotation.every(.seconds(15 * 60))
/// ```
///
/// ### How a period ends
///
/// ``deadline(forPeriodStartingAt:)`` returns the first boundary strictly after the period's
/// start; the sink caches it, and ``shouldRotate(_:incomingBytes:now:)`` is just
/// `now >= deadline`. Rotation happens at the first write at or after the deadline (nothing is
/// written, so nothing is rotated, while the process is idle); the next period starts at that
/// write's time and its deadline is computed from there, so:
///
/// | Situation | Outcome |
/// |---|---|
/// | clock steps back (NTP, manual change) | no rotation until the clock reaches the cached deadline again; records keep going to the active file |
/// | clock jumps forward, even by years | exactly one rotation, then the next boundary after the new time: no storm of rotations for missed periods |
/// | process restarted mid-period | the same boundary as before: deadlines depend only on the period start and the schedule |
/// | `deadline` result | always strictly later than the period start, in every zone |
///
/// ### Daily and hourly rules across DST
///
/// Daily and hourly boundaries are wall-clock times in the schedule's `TimeZone`, resolved with the
/// zone's real UTC offsets. Local days are counted in civil time, never as `+ 86 400` seconds of
/// real time, so a local day may last 23, 23.5, 24.5 or 25 hours.
///
/// | Case | Example | Rule |
/// |---|---|---|
/// | normal day | daily 00:00 | fires once at local midnight |
/// | nonexistent time (spring forward) | 02:30 on 2026-03-29 in `Europe/Berlin`, 02:30 on 2012-03-11 in `America/New_York` | fires at the same wall-clock distance after the gap starts: 03:30 (Foundation's `.nextTimePreservingSmallerComponents`); a time at the very start of the gap (02:00) fires when the gap ends (03:00) |
/// | ambiguous time (fall back) | 01:30 on 2012-11-04 in `America/New_York` | fires once, at the first occurrence (01:30 EDT); a period starting between the two occurrences ends at the next day's 01:30, it never "jumps back" to the second one |
/// | hourly, spring-forward day | 2026-03-29 in `Europe/Berlin` | 23 hourly periods (02:00 never shows on the wall clock) |
/// | hourly, fall-back day | 2026-10-25 in `Europe/Berlin` | 25 hourly periods: the repeated hour starts twice (02:00 CEST and 02:00 CET) |
/// | hourly, 30-minute shifts | `Australia/Lord_Howe` | a boundary is every instant the wall clock reads `HH:00:00`, plus the end of a gap that swallowed one; so 24 periods on both transition days, one of them 30 or 90 minutes long |
/// | offsets not whole hours | `Asia/Kathmandu` (+05:45) | hours start at local `HH:00`, that is at `:15` UTC |
///
/// Foundation's `Calendar.nextDate(after:matching:matchingPolicy:repeatedTimePolicy:direction:)`
/// is not used for this resolution because its results differ across platforms and versions: on
/// Linux it skips a whole day for a nonexistent 02:00 in `Australia/Lord_Howe` and starts the
/// repeated hour of a fall-back day only once. The rules above are instead applied directly to the
/// zone's offsets (`TimeZone.secondsFromGMT(for:)` and `nextDaylightSavingTimeTransition(after:)`).
///
/// ### Interval alignment
///
/// ``every(_:)`` periods are aligned to multiples of the interval since the Unix epoch
/// (1970-01-01T00:00:00Z), not counted from the period start: with 15 minutes, boundaries are
/// always at :00, :15, :30 and :45 UTC. Because the sink only rotates at the first write after a
/// deadline and starts the next period at that write, "period start + interval" would drift later
/// with every rotation and shift after each restart or clock change; epoch-aligned boundaries stay
/// put across restarts, clock jumps and processes, so archives of several hosts line up. Intervals
/// of whole days are aligned to UTC midnight; use ``daily(at:in:)`` for local days.
public struct TimeRotation: RotationStrategy, Hashable {
    /// When a ``TimeRotation`` ends its periods.
    public enum Schedule: Sendable, Hashable {
        /// Every day at a wall-clock time in a time zone.
        case daily(at: TimeOfDay, in: TimeZone)
        /// At the start of every local hour in a time zone.
        case hourly(in: TimeZone)
        /// Every interval, aligned to multiples of it since the Unix epoch.
        case every(Duration)
    }

    /// The schedule.
    public let schedule: Schedule

    private init(schedule: Schedule) {
        self.schedule = schedule
    }

    /// Rotates every day at `time` in `zone`.
    ///
    /// - Parameters:
    ///   - time: The wall-clock time; midnight by default.
    ///   - zone: The time zone of the wall clock; UTC (`TimeZone.gmt`) by default.
    /// - Returns: The strategy; see the DST rules in ``TimeRotation``.
    public static func daily(at time: TimeOfDay = .midnight, in zone: TimeZone = .gmt) -> TimeRotation {
        TimeRotation(schedule: .daily(at: time, in: zone))
    }

    /// Rotates at the start of every local hour in `zone`.
    ///
    /// - Parameter zone: The time zone of the wall clock; UTC (`TimeZone.gmt`) by default.
    /// - Returns: The strategy; see the DST rules in ``TimeRotation``.
    public static func hourly(in zone: TimeZone = .gmt) -> TimeRotation {
        TimeRotation(schedule: .hourly(in: zone))
    }

    /// Rotates every `interval`, at multiples of it since the Unix epoch.
    ///
    /// - Parameter interval: The period length: at least one second, and at most about 292 years
    ///   (it must fit in `Int64` nanoseconds). Sub-nanosecond parts are dropped.
    /// - Returns: The strategy.
    /// - Throws: ``RotationError`` with code `.invalidInterval` and field `"interval"` when the
    ///   interval is shorter than one second or too long.
    public static func every(_ interval: Duration) throws -> TimeRotation {
        let (seconds, attoseconds) = interval.components
        let (wholeNanoseconds, overflow1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (nanoseconds, overflow2) = wholeNanoseconds.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard !overflow1, !overflow2 else {
            throw RotationError(.invalidInterval, "interval \(interval) is too long", field: "interval")
        }
        guard nanoseconds >= 1_000_000_000 else {
            throw RotationError(
                .invalidInterval, "interval must be at least 1 second, got \(interval)", field: "interval")
        }
        return TimeRotation(schedule: .every(.nanoseconds(nanoseconds)))
    }

    /// The first boundary of the schedule strictly after `start`.
    ///
    /// Daily and hourly boundaries fall on whole seconds; interval boundaries on multiples of the
    /// interval. Returns `nil` only if the next interval boundary is beyond the range of
    /// ``/RotorCore/LogTimestamp`` (after the year 2262).
    public func deadline(forPeriodStartingAt start: LogTimestamp) -> LogTimestamp? {
        switch schedule {
        case .daily(let time, let zone):
            let instant = ZoneTimeline(zone: zone).nextDailyInstant(
                atOrAfter: start.secondsSinceEpoch + 1,
                secondsSinceMidnight: Int64(time.secondsSinceMidnight)
            )
            return LogTimestamp(secondsSinceEpoch: instant)
        case .hourly(let zone):
            return LogTimestamp(
                secondsSinceEpoch: ZoneTimeline(zone: zone).nextHourStart(atOrAfter: start.secondsSinceEpoch + 1))
        case .every(let interval):
            let (seconds, attoseconds) = interval.components
            let length = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
            let (boundary, overflow) = (floorDivide(start.nanosecondsSinceEpoch, length) + 1)
                .multipliedReportingOverflow(by: length)
            return overflow ? nil : LogTimestamp(nanosecondsSinceEpoch: boundary)
        }
    }

    /// `now >= file.deadline`; `false` when no deadline is cached.
    public func shouldRotate(_ file: ActiveFileState, incomingBytes: Int, now: LogTimestamp) -> Bool {
        guard let deadline = file.deadline else { return false }
        return now >= deadline
    }
}
