import RotorCore
import RotorFormatters
import RotorLibc

/// Writes the two syslog timestamp forms straight into a buffer.
enum SyslogTimestamp {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 5424 (RFC 3339 in UTC, microseconds): `2026-12-06T12:43:17.123456Z`, as the JSON
    /// formatter writes it by default.
    static func appendRFC5424(_ timestamp: LogTimestamp, into buffer: inout LogBuffer) {
        TimestampWriter.append(timestamp, style: .utc, into: &buffer)
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
}
