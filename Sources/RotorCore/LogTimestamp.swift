import RotorLibc

public import struct Foundation.Date

/// A wall-clock instant with nanosecond resolution, as nanoseconds since the Unix epoch (UTC).
///
/// Rotor keeps time as a plain integer so that comparing, storing and formatting a timestamp on the
/// logging path costs no allocation and no Foundation call. Convert to `Date` with ``date``.
public struct LogTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z. Negative values are instants before the epoch.
    public var nanosecondsSinceEpoch: Int64

    /// Creates a timestamp from nanoseconds since the Unix epoch.
    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// Creates a timestamp from whole seconds and a nanosecond part since the Unix epoch.
    ///
    /// - Parameters:
    ///   - seconds: Whole seconds since the epoch.
    ///   - nanoseconds: Additional nanoseconds, `0..<1_000_000_000` for a normalised value.
    public init(secondsSinceEpoch seconds: Int64, nanoseconds: Int64 = 0) {
        self.nanosecondsSinceEpoch = seconds &* 1_000_000_000 &+ nanoseconds
    }

    /// Creates a timestamp from a Foundation `Date`, rounded to the nearest microsecond.
    public init(_ date: Date) {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        self.nanosecondsSinceEpoch = Int64(micros) * 1000
    }

    /// The same instant as a Foundation `Date` (microsecond precision survives the conversion).
    public var date: Date {
        Date(timeIntervalSince1970: Double(secondsSinceEpoch) + Double(nanosecondPart) / 1e9)
    }

    /// Whole seconds since the epoch, rounded towards negative infinity.
    public var secondsSinceEpoch: Int64 {
        let (q, r) = nanosecondsSinceEpoch.quotientAndRemainder(dividingBy: 1_000_000_000)
        return r < 0 ? q - 1 : q
    }

    /// The nanoseconds past ``secondsSinceEpoch``, always in `0..<1_000_000_000`.
    public var nanosecondPart: Int64 {
        let r = nanosecondsSinceEpoch % 1_000_000_000
        return r < 0 ? r + 1_000_000_000 : r
    }

    /// Returns this instant moved by a duration.
    public func advanced(by duration: Duration) -> LogTimestamp {
        let (seconds, attoseconds) = duration.components
        return LogTimestamp(
            nanosecondsSinceEpoch: nanosecondsSinceEpoch &+ seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
    }

    /// The duration from `other` to this instant (negative when `other` is later).
    public func duration(since other: LogTimestamp) -> Duration {
        .nanoseconds(nanosecondsSinceEpoch &- other.nanosecondsSinceEpoch)
    }

    /// The current wall-clock time, read with `clock_gettime(CLOCK_REALTIME)`.
    public static func now() -> LogTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return LogTimestamp(secondsSinceEpoch: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec))
    }

    public static func < (lhs: LogTimestamp, rhs: LogTimestamp) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    public var description: String { "\(secondsSinceEpoch).\(nanosecondPart)s" }
}
