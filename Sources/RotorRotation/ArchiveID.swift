public import RotorCore

/// Identifies one archive of an active file: the UTC millisecond of its rotation and a sequence
/// number that tells apart archives rotated within the same millisecond.
///
/// IDs are ordered by millisecond, then sequence; ``next(after:now:)`` makes each new ID strictly
/// greater than the last one, even when the clock stands still or steps back, so archive names
/// never collide and sort in rotation order.
public struct ArchiveID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest sequence number; it has three digits in a name.
    public static let maximumSequence = 999

    /// The earliest millisecond that ``next(after:now:)`` uses: 0000-01-01T00:00:00.000Z, the
    /// first instant a four-digit year can name.
    public static let minimumMilliseconds: Int64 = CivilDate.days(year: 0, month: 1, day: 1) * 86_400_000

    /// The latest millisecond that ``next(after:now:)`` uses: 9999-12-31T23:59:59.999Z, the last
    /// instant a four-digit year can name.
    public static let maximumMilliseconds: Int64 = CivilDate.days(year: 10_000, month: 1, day: 1) * 86_400_000 - 1

    /// The greatest ID that has a name: ``maximumMilliseconds`` with sequence ``maximumSequence``.
    /// No ID after it can be named, so ``next(after:now:)`` returns it again after itself.
    public static let latest = ArchiveID(millisecondsSinceEpoch: maximumMilliseconds, sequence: maximumSequence)

    /// Milliseconds since the Unix epoch (UTC) of the rotation.
    public var millisecondsSinceEpoch: Int64

    /// The rotation's number within its millisecond, `1...999` in IDs made by ``next(after:now:)``.
    public var sequence: Int

    /// Creates an ID.
    ///
    /// - Parameters:
    ///   - millisecondsSinceEpoch: Milliseconds since the Unix epoch (UTC).
    ///   - sequence: The number within that millisecond, `1...999` to have a valid name.
    public init(millisecondsSinceEpoch: Int64, sequence: Int) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
        self.sequence = sequence
    }

    /// The rotation instant, at millisecond precision. An ID past what a
    /// ``/RotorCore/LogTimestamp`` holds (after 2262 or before 1677: an archive name with such a
    /// year, which a clock never gave) gives the latest or the earliest timestamp.
    public var timestamp: LogTimestamp {
        let (nanoseconds, overflow) = millisecondsSinceEpoch.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow else {
            return LogTimestamp(nanosecondsSinceEpoch: millisecondsSinceEpoch < 0 ? .min : .max)
        }
        return LogTimestamp(nanosecondsSinceEpoch: nanoseconds)
    }

    /// The ID of the next archive after `last`, for a rotation at `now`.
    ///
    /// - The millisecond is `max(now's millisecond, last's millisecond)`: a clock that steps back
    ///   does not make IDs (and names) go back.
    /// - The sequence is `last.sequence + 1` within the same millisecond and `1` otherwise.
    /// - When the sequence would exceed ``maximumSequence`` the ID moves to the next millisecond
    ///   with sequence 1, so three-digit sequences keep name order equal to chronological order.
    ///
    /// `now` is clamped to the years 0000 to 9999, so the ID has a name that
    /// ``TimestampArchiveNaming`` can parse. The result is strictly greater than `last`, except
    /// after ``latest`` (which only a file named for the last millisecond of year 9999 can lead to):
    /// no later ID has a name, so `latest` itself is returned, and a caller that finds that name
    /// taken must give up rather than try again.
    ///
    /// - Parameters:
    ///   - last: The newest existing ID, or `nil` if there is none.
    ///   - now: The rotation time.
    /// - Returns: The new ID.
    public static func next(after last: ArchiveID?, now: LogTimestamp) -> ArchiveID {
        let nowMilliseconds = min(
            max(floorDivide(now.nanosecondsSinceEpoch, 1_000_000), minimumMilliseconds), maximumMilliseconds)
        guard let last, nowMilliseconds <= last.millisecondsSinceEpoch else {
            return ArchiveID(millisecondsSinceEpoch: nowMilliseconds, sequence: 1)
        }
        // An ID past the last nameable one (it has no name, so it was never an archive's) counts
        // as the last millisecond.
        let lastMilliseconds = min(last.millisecondsSinceEpoch, maximumMilliseconds)
        if last.sequence >= maximumSequence {
            guard lastMilliseconds < maximumMilliseconds else { return latest }
            return ArchiveID(millisecondsSinceEpoch: lastMilliseconds + 1, sequence: 1)
        }
        return ArchiveID(millisecondsSinceEpoch: lastMilliseconds, sequence: max(last.sequence, 0) + 1)
    }

    public static func < (lhs: ArchiveID, rhs: ArchiveID) -> Bool {
        (lhs.millisecondsSinceEpoch, lhs.sequence) < (rhs.millisecondsSinceEpoch, rhs.sequence)
    }

    /// `<milliseconds>#<sequence>`, for diagnostics.
    public var description: String { "\(millisecondsSinceEpoch)#\(sequence)" }
}

extension ArchiveID {
    /// The next ID within this one's millisecond (or the next millisecond after sequence 999), for
    /// a name found taken; `nil` after ``latest``, which has no successor with a name.
    public var successor: ArchiveID? {
        let next = ArchiveID.next(after: self, now: LogTimestamp(nanosecondsSinceEpoch: .min))
        return next > self ? next : nil
    }
}
