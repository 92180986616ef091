public import RotorCore
public import RotorRotation

/// Deletes generations rotated more than a given time ago (logback's `maxHistory` for time-based
/// rotation, lumberjack's `MaxAge`).
///
/// A generation is deleted when `rotatedAt < now − maxAge`, that is when strictly more than
/// ``maxAge`` has elapsed since its rotation; one exactly ``maxAge`` old is kept.
///
/// ### Real elapsed time, not calendar days
///
/// ``maxAge`` is a `Duration`: real elapsed time measured between two UTC instants, with no
/// time zone involved. `.seconds(7 * 86_400)` means 168 hours, even across a DST change, where
/// seven calendar days last 167 or 169 hours. So the moment an archive expires never depends on
/// the local time zone or its transitions, and a DST change neither deletes an archive an hour
/// early nor keeps it an hour longer than the configured duration.
///
/// ### Clock stepped back
///
/// A generation whose ``ArchiveGeneration/rotatedAt`` is later than `now` (the clock stepped back
/// after it was rotated) has a negative age and is never deleted for age; it expires once the
/// clock has caught up and ``maxAge`` has passed. A clock that jumps forward deletes what is older
/// than the new `now` − ``maxAge`` once.
///
/// Age alone may delete every archive, including the newest; combine it with a count through
/// ``AllOfRetention`` to always keep some.
public struct MaxAgeRetention: RetentionPolicy, Hashable {
    /// The age beyond which a generation is deleted.
    public let maxAge: Duration

    /// ``maxAge`` in whole nanoseconds (sub-nanosecond parts are dropped).
    private let maxAgeNanoseconds: Int64

    /// Creates an age policy.
    ///
    /// - Parameter age: The real elapsed time after which an archive expires; at least one
    ///   nanosecond and at most `Int64.max` nanoseconds (about 292 years).
    /// - Throws: ``RetentionError`` with code `.invalidConfiguration` and field `"maxAge"` when
    ///   `age` is out of that range.
    public init(_ age: Duration) throws {
        try self.init(validating: age, field: "maxAge")
    }

    /// Validates `age`, reporting `field` on failure.
    init(validating age: Duration, field: String) throws {
        let (seconds, attoseconds) = age.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (nanoseconds, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard age > .zero, !overflow, !overflow2, nanoseconds >= 1 else {
            throw RetentionError(
                .invalidConfiguration,
                "the maximum age must be between 1 ns and \(Int64.max) ns, got \(age)",
                field: field
            )
        }
        self.maxAge = age
        self.maxAgeNanoseconds = nanoseconds
    }

    /// The IDs of the generations rotated strictly more than ``maxAge`` before `now`.
    public func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        var expired = Set<ArchiveID>()
        for generation in generations where isExpired(generation.rotatedAt, now: now) {
            expired.insert(generation.id)
        }
        return expired
    }

    /// Whether `now − rotatedAt > maxAge`, without overflow for any two instants.
    private func isExpired(_ rotatedAt: LogTimestamp, now: LogTimestamp) -> Bool {
        let (elapsed, overflow) = now.nanosecondsSinceEpoch.subtractingReportingOverflow(
            rotatedAt.nanosecondsSinceEpoch)
        if overflow { return now > rotatedAt }  // the true difference is beyond Int64, in its sign's direction
        return elapsed > maxAgeNanoseconds
    }

    /// Equal when the ages are equal.
    public static func == (lhs: MaxAgeRetention, rhs: MaxAgeRetention) -> Bool { lhs.maxAge == rhs.maxAge }

    /// Hashes ``maxAge``.
    public func hash(into hasher: inout Hasher) { hasher.combine(maxAge) }
}
