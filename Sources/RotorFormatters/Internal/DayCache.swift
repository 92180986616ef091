import Synchronization

/// Remembers the civil date of the most recent day a timestamp was written for, so that the
/// calendar arithmetic runs once per day instead of once per record.
///
/// The entry is one 64-bit atomic word (day number, year, month, day packed together), shared by
/// every thread without a lock: a thread that finds another day there computes the date and
/// replaces the entry. A racing replacement is harmless — every entry is a correct
/// (day → date) pair, and a reader uses an entry only when its day matches.
enum DayCache {
    /// A civil date.
    struct Date: Equatable {
        var year: Int64
        var month: Int64
        var day: Int64
    }

    // Layout: bit 63 = valid, bits 32..<55 = day number + dayBias, bits 9..<23 = year,
    // bits 5..<9 = month, bits 0..<5 = day. Only years 0...9999 are cached.
    private static let entry = Atomic<UInt64>(0)
    private static let dayBias: Int64 = 1 << 20
    private static let validBit: UInt64 = 1 << 63

    /// The civil date of `days` days since 1970-01-01 (proleptic Gregorian).
    @inline(__always)
    static func date(ofDay days: Int64) -> Date {
        let packed = entry.load(ordering: .relaxed)
        if packed & validBit != 0, Int64(truncatingIfNeeded: (packed >> 32) & 0x7F_FFFF) == days &+ dayBias {
            return Date(
                year: Int64(truncatingIfNeeded: (packed >> 9) & 0x3FFF),
                month: Int64(truncatingIfNeeded: (packed >> 5) & 0xF),
                day: Int64(truncatingIfNeeded: packed & 0x1F))
        }
        return computeAndRemember(days)
    }

    @inline(never)
    private static func computeAndRemember(_ days: Int64) -> Date {
        let civil = TimestampWriter.civil(fromSecondsSinceEpoch: days &* 86_400)
        let date = Date(year: civil.year, month: civil.month, day: civil.day)
        let biased = days &+ dayBias
        if date.year >= 0 && date.year <= 9999 && biased >= 0 && biased < (1 << 23) {
            let packed =
                validBit | UInt64(biased) << 32 | UInt64(date.year) << 9 | UInt64(date.month) << 5
                | UInt64(date.day)
            entry.store(packed, ordering: .relaxed)
        }
        return date
    }
}
