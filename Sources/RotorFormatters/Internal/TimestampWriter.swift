package import RotorCore

/// Writes RFC 3339 timestamps without Foundation.
///
/// The conversion from days to a civil date is Howard Hinnant's `civil_from_days` (the inverse of
/// `days_from_civil`, proleptic Gregorian calendar), run once per day: ``DayCache`` keeps the last
/// day's date in one atomic word. The time of day is a few integer operations; with a
/// ``TimestampCache`` (the formatters' path) the whole text up to the seconds is kept per second,
/// so a record only adds its fraction and zone. Everything is written in place into the output
/// buffer. Safe to call from any number of threads at once, with no lock and no allocation.
package enum TimestampWriter {
    /// A civil date and time of day.
    struct Civil: Equatable {
        var year: Int64
        var month: Int64
        var day: Int64
        var hour: Int64
        var minute: Int64
        var second: Int64
    }

    /// Splits seconds since the epoch into a proleptic-Gregorian date and time of day.
    static func civil(fromSecondsSinceEpoch seconds: Int64) -> Civil {
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        // civil_from_days, http://howardhinnant.github.io/date_algorithms.html
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097  // [0, 146096]
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365  // [0, 399]
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // [0, 365]
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // [0, 11], March = 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(
            year: year, month: month, day: day,
            hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
    }

    /// Appends a timestamp in the given style, without quotes.
    @inline(__always)
    package static func append(_ timestamp: LogTimestamp, style: TimestampStyle, into buffer: inout LogBuffer) {
        append(
            seconds: timestamp.secondsSinceEpoch, nanoseconds: timestamp.nanosecondPart, style: style,
            into: &buffer)
    }

    /// Appends a timestamp in the given style, without quotes, taking the text up to the seconds
    /// from `cache` when it holds this second (and leaving it there when it did not): the same
    /// bytes as ``append(_:style:into:)``, with the calendar and time-of-day work done once per
    /// second rather than once per record.
    @inline(__always)
    static func append(
        _ timestamp: LogTimestamp, style: TimestampStyle, cache: TimestampCache, into buffer: inout LogBuffer
    ) {
        // Floor division: the fraction is never negative.
        let total = timestamp.nanosecondsSinceEpoch
        var seconds = total / 1_000_000_000
        var nanoseconds = total % 1_000_000_000
        if nanoseconds < 0 {
            nanoseconds &+= 1_000_000_000
            seconds &-= 1
        }
        let local = seconds &+ Int64(style.utcOffsetSeconds ?? 0)
        buffer.appendInPlace(maximumCount: 64) { out in
            var count = TimestampCache.textCount
            if !cache.load(localSecond: local, into: out) {
                count = writeDateTime(localSecond: local, to: out, remembering: cache)
            }
            return count &+ writeFractionAndZone(nanoseconds, style: style, to: out + count)
        }
    }

    /// Appends `seconds` + `nanoseconds` since the epoch (nanoseconds in `0..<1_000_000_000`).
    ///
    /// Years outside `0...9999` (unreachable from a `LogTimestamp`, whose range is 1677–2262) are
    /// written with a sign and as many digits as needed, as ISO 8601's expanded form.
    static func append(seconds: Int64, nanoseconds: Int64, style: TimestampStyle, into buffer: inout LogBuffer) {
        let local = seconds &+ Int64(style.utcOffsetSeconds ?? 0)
        buffer.appendInPlace(maximumCount: 64) { out in
            let count = writeDateTime(localSecond: local, to: out)
            return count &+ writeFractionAndZone(nanoseconds, style: style, to: out + count)
        }
    }

    /// Writes the date and time of day of `localSecond`, then makes it `cache`'s entry when it
    /// has the cached length (a four-digit year). Out of line: once per second.
    @inline(never)
    static func writeDateTime(
        localSecond: Int64, to out: UnsafeMutablePointer<UInt8>, remembering cache: TimestampCache
    ) -> Int {
        let count = writeDateTime(localSecond: localSecond, to: out)
        if count == TimestampCache.textCount { cache.store(localSecond: localSecond, text: out) }
        return count
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS` for seconds since the epoch in local time (at most 30 bytes)
    /// and returns the number of bytes written: 19 for years `0...9999`.
    static func writeDateTime(localSecond: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var days = localSecond / 86_400
        var secondOfDay = localSecond % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let date = DayCache.date(ofDay: days)
        var k = 0
        @inline(__always) func put(_ byte: UInt8) {
            out[k] = byte
            k &+= 1
        }
        @inline(__always) func two(_ value: Int64) {
            DecimalWriter.writeTwoDigits(Int(truncatingIfNeeded: value), to: out + k)
            k &+= 2
        }
        if date.year >= 0 && date.year <= 9999 {
            two(date.year / 100)
            two(date.year % 100)
        } else {
            if date.year < 0 { put(UInt8(ascii: "-")) }
            let magnitude = date.year.magnitude
            var padding = 4 &- DecimalWriter.digitCount(magnitude)
            while padding > 0 {
                put(0x30)
                padding &-= 1
            }
            k &+= DecimalWriter.write(magnitude, to: out + k)
        }
        put(UInt8(ascii: "-"))
        two(date.month)
        put(UInt8(ascii: "-"))
        two(date.day)
        put(UInt8(ascii: "T"))
        two(secondOfDay / 3600)
        put(UInt8(ascii: ":"))
        two(secondOfDay / 60 % 60)
        put(UInt8(ascii: ":"))
        two(secondOfDay % 60)
        return k
    }

    /// Writes the fraction of the second (`.` and the style's digits, truncated; nothing for 0
    /// digits) and the zone (`Z` or `±HH:MM`), and returns the number of bytes written (at most 16).
    @inline(__always)
    static func writeFractionAndZone(
        _ nanoseconds: Int64, style: TimestampStyle, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var k = 0
        let digits = style.fractionalDigits
        if digits == 6 {
            // The default: microseconds, three pairs with constant divisors.
            // Below 10⁶: 32-bit arithmetic, two divisions.
            let micros = UInt32(truncatingIfNeeded: nanoseconds) / 1000
            let high = micros / 10_000
            let rest = micros &- high &* 10_000
            let middle = rest / 100
            out[0] = UInt8(ascii: ".")
            DecimalWriter.writeTwoDigits(Int(high), to: out + 1)
            DecimalWriter.writeTwoDigits(Int(middle), to: out + 3)
            DecimalWriter.writeTwoDigits(Int(rest &- middle &* 100), to: out + 5)
            k = 7
        } else if digits > 0 {
            out[0] = UInt8(ascii: ".")
            var fraction = nanoseconds
            for _ in digits..<9 { fraction /= 10 }
            // Fixed width, filled from the end.
            var index = digits
            while index > 0 {
                out[index] = 0x30 &+ UInt8(truncatingIfNeeded: fraction % 10)
                fraction /= 10
                index &-= 1
            }
            k = digits &+ 1
        }
        if let utcOffset = style.utcOffsetSeconds {
            out[k] = utcOffset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            let minutes = Int(utcOffset.magnitude / 60)
            DecimalWriter.writeTwoDigits(minutes / 60, to: out + k + 1)
            out[k + 3] = UInt8(ascii: ":")
            DecimalWriter.writeTwoDigits(minutes % 60, to: out + k + 4)
            return k &+ 6
        }
        out[k] = UInt8(ascii: "Z")
        return k &+ 1
    }
}
