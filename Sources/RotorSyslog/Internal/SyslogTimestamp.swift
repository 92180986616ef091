#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore

/// Writes the two syslog timestamp forms straight into a buffer.
enum SyslogTimestamp {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 5424 (RFC 3339 in UTC, microseconds): `2026-12-06T12:43:17.123456Z`.
    static func appendRFC5424(_ timestamp: LogTimestamp, into buffer: inout LogBuffer) {
        let seconds = timestamp.secondsSinceEpoch
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        let micros = Int(timestamp.nanosecondPart / 1_000)
        buffer.appendInPlace(maximumCount: 32) { out in
            var at = 0
            func put(_ value: Int, digits: Int) {
                var value = value
                for index in stride(from: digits - 1, through: 0, by: -1) {
                    out[at + index] = UInt8(truncatingIfNeeded: 48 + value % 10)
                    value /= 10
                }
                at += digits
            }
            func put(_ byte: Character) {
                out[at] = byte.asciiValue!
                at += 1
            }
            put(max(0, min(9999, year)), digits: 4); put("-"); put(month, digits: 2); put("-"); put(day, digits: 2)
            put("T"); put(secondOfDay / 3600, digits: 2); put(":"); put(secondOfDay / 60 % 60, digits: 2); put(":")
            put(secondOfDay % 60, digits: 2); put("."); put(micros, digits: 6); put("Z")
            return at
        }
    }

    /// RFC 3164 (local time, no year): `Dec  6 13:43:17`, the day padded with a space.
    static func appendRFC3164(_ timestamp: LogTimestamp, into buffer: inout LogBuffer) {
        var time = time_t(timestamp.secondsSinceEpoch)
        var parts = tm()
        localtime_r(&time, &parts)
        buffer.append(months[Int(parts.tm_mon) % 12])
        let day = Int(parts.tm_mday)
        buffer.append(UInt8(ascii: " "))
        buffer.append(day < 10 ? UInt8(ascii: " ") : UInt8(48 + day / 10))
        buffer.append(UInt8(48 + day % 10))
        for (index, value) in [Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)].enumerated() {
            buffer.append(UInt8(ascii: index == 0 ? " " : ":"))
            buffer.append(UInt8(48 + value / 10))
            buffer.append(UInt8(48 + value % 10))
        }
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}
