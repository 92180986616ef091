public import RotorCore

/// How a formatter writes a record's timestamp: RFC 3339, in UTC or at a fixed offset from UTC.
///
/// The default, ``utc``, writes microseconds and a `Z` suffix, for example
/// `2026-11-21T14:30:22.123456Z`. With an offset of one hour the same instant is written
/// `2026-11-21T15:30:22.123456+01:00`.
///
/// The fraction is truncated, never rounded, so a timestamp never moves into the next second.
/// The offset is fixed: there is no daylight-saving rule, and formatting never consults the time-zone
/// database, `Calendar` or a `DateFormatter`. Timestamps are computed with integer arithmetic: the
/// calendar date (Howard Hinnant's `civil_from_days`, proleptic Gregorian calendar) once per day,
/// cached in one atomic word that every formatting thread shares without a lock, and the time of
/// day and fraction for each record.
public struct TimestampStyle: Sendable, Hashable {
    /// The offset from UTC in seconds, or `nil` to write UTC with a `Z` suffix.
    public let utcOffsetSeconds: Int?
    /// How many digits of the second's fraction are written, `0...9`; `0` omits the decimal point.
    public let fractionalDigits: Int

    /// UTC with microseconds and a `Z` suffix: `2026-11-21T14:30:22.123456Z`.
    public static let utc = TimestampStyle(checkedOffset: nil, fractionalDigits: 6)

    /// Creates a timestamp style.
    ///
    /// - Parameters:
    ///   - utcOffsetSeconds: The fixed offset from UTC in seconds, east positive. It must be a whole
    ///     number of minutes strictly between -24 and +24 hours. `nil` (the default) writes UTC with
    ///     a `Z` suffix; `0` writes UTC with a `+00:00` suffix.
    ///   - fractionalDigits: Digits of the fraction of a second, `0...9`; 6 (microseconds) by default.
    /// - Throws: ``FormatterError`` with code `invalidConfiguration` and field `"utcOffsetSeconds"`
    ///   or `"fractionalDigits"` when a value is out of range.
    public init(utcOffsetSeconds: Int? = nil, fractionalDigits: Int = 6) throws(FormatterError) {
        if let offset = utcOffsetSeconds {
            guard offset % 60 == 0, abs(offset) < 86_400 else {
                throw FormatterError(
                    .invalidConfiguration,
                    "UTC offset \(offset)s is not a whole number of minutes within ±24 hours",
                    field: "utcOffsetSeconds")
            }
        }
        guard (0...9).contains(fractionalDigits) else {
            throw FormatterError(
                .invalidConfiguration, "fractional digits \(fractionalDigits) is not in 0...9",
                field: "fractionalDigits")
        }
        self.init(checkedOffset: utcOffsetSeconds, fractionalDigits: fractionalDigits)
    }

    private init(checkedOffset: Int?, fractionalDigits: Int) {
        self.utcOffsetSeconds = checkedOffset
        self.fractionalDigits = fractionalDigits
    }
}
