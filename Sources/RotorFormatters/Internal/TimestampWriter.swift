package import RotorCore

/// Writes RFC 3339 timestamps without Foundation.
///
/// The conversion from days to a civil date is Howard Hinnant's `civil_from_days` (the inverse of
/// `days_from_civil`, proleptic Gregorian calendar), run once per day: ``DayCache`` keeps the last
/// day's date in one atomic word. The time of day and the fraction are a few integer operations,
/// written in place into the output buffer. Safe to call from any number of threads at once, with
/// no lock and no allocation.
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

    /// Appends `seconds` + `nanoseconds` since the epoch (nanoseconds in `0..<1_000_000_000`).
    ///
    /// Years outside `0...9999` (unreachable from a `LogTimestamp`, whose range is 1677–2262) are
    /// written with a sign and as many digits as needed, as ISO 8601's expanded form.
    static func append(seconds: Int64, nanoseconds: Int64, style: TimestampStyle, into buffer: inout LogBuffer) {
        let local = seconds &+ Int64(style.utcOffsetSeconds ?? 0)
        var days = local / 86_400
        var secondOfDay = local % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let date = DayCache.date(ofDay: days)
        buffer.appendInPlace(maximumCount: 64) { out in
            DecimalWriter.digitPairs.withUnsafeBufferPointer { pairs in
                var k = 0
                @inline(__always) func put(_ byte: UInt8) {
                    out[k] = byte
                    k &+= 1
                }
                @inline(__always) func two(_ value: Int64) {
                    let pair = Int(truncatingIfNeeded: value) &* 2
                    out[k] = pairs[pair]
                    out[k &+ 1] = pairs[pair &+ 1]
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
                let digits = style.fractionalDigits
                if digits > 0 {
                    put(UInt8(ascii: "."))
                    var fraction = nanoseconds
                    for _ in digits..<9 { fraction /= 10 }
                    // Fixed width, filled from the end two digits at a time.
                    var index = k &+ digits
                    k = index
                    while index &- 2 >= k &- digits {
                        let pair = Int(truncatingIfNeeded: fraction % 100) &* 2
                        fraction /= 100
                        index &-= 2
                        out[index] = pairs[pair]
                        out[index &+ 1] = pairs[pair &+ 1]
                    }
                    if index > k &- digits {
                        out[index &- 1] = 0x30 &+ UInt8(truncatingIfNeeded: fraction % 10)
                    }
                }
                if let utcOffset = style.utcOffsetSeconds {
                    put(utcOffset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                    let minutes = Int64(utcOffset.magnitude / 60)
                    two(minutes / 60)
                    put(UInt8(ascii: ":"))
                    two(minutes % 60)
                } else {
                    put(UInt8(ascii: "Z"))
                }
                return k
            }
        }
    }
}
