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

    /// The rotation instant, at millisecond precision.
    public var timestamp: LogTimestamp {
        LogTimestamp(nanosecondsSinceEpoch: millisecondsSinceEpoch * 1_000_000)
    }

    /// The ID of the next archive after `last`, for a rotation at `now`.
    ///
    /// - The millisecond is `max(now's millisecond, last's millisecond)`: a clock that steps back
    ///   does not make IDs (and names) go back.
    /// - The sequence is `last.sequence + 1` within the same millisecond and `1` otherwise.
    /// - When the sequence would exceed ``maximumSequence`` the ID moves to the next millisecond
    ///   with sequence 1, so three-digit sequences keep name order equal to chronological order.
    ///
    /// The result is always strictly greater than `last`. `now` earlier than year 0000 is treated as
    /// 0000-01-01T00:00:00Z, so the ID has a name that ``TimestampArchiveNaming`` can parse.
    ///
    /// - Parameters:
    ///   - last: The newest existing ID, or `nil` if there is none.
    ///   - now: The rotation time.
    /// - Returns: The new ID.
    public static func next(after last: ArchiveID?, now: LogTimestamp) -> ArchiveID {
        let nowMilliseconds = max(floorDivide(now.nanosecondsSinceEpoch, 1_000_000), minimumMilliseconds)
        guard let last, nowMilliseconds <= last.millisecondsSinceEpoch else {
            return ArchiveID(millisecondsSinceEpoch: nowMilliseconds, sequence: 1)
        }
        if last.sequence >= maximumSequence {
            return ArchiveID(millisecondsSinceEpoch: last.millisecondsSinceEpoch + 1, sequence: 1)
        }
        return ArchiveID(millisecondsSinceEpoch: last.millisecondsSinceEpoch, sequence: max(last.sequence, 0) + 1)
    }

    public static func < (lhs: ArchiveID, rhs: ArchiveID) -> Bool {
        (lhs.millisecondsSinceEpoch, lhs.sequence) < (rhs.millisecondsSinceEpoch, rhs.sequence)
    }

    /// `<milliseconds>#<sequence>`, for diagnostics.
    public var description: String { "\(millisecondsSinceEpoch)#\(sequence)" }
}
