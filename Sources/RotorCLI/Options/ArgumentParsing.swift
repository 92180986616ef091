import ArgumentParser

/// Parsers for option values, each throwing a ``ValidationError`` that says what is expected.
enum ArgumentParsing {
    /// An RFC 3339 date-time (`2026-11-21T14:30:22Z`, `2026-11-21T15:30:22.5+01:00`) or a date
    /// (`2026-11-21`, midnight UTC).
    @Sendable
    static func instant(_ text: String) throws -> Instant {
        guard let instant = RFC3339.parse(text, dateOnly: true) else {
            throw ValidationError(
                "expected an RFC 3339 time such as 2026-11-21T14:30:22Z or 2026-11-21T15:30:22.5+01:00, or a date such as 2026-11-21"
            )
        }
        return instant
    }

    /// A duration: a whole number followed by `s`, `m`, `h`, `d` or `w` (`45s`, `30m`, `12h`,
    /// `7d`, `2w`).
    @Sendable
    static func duration(_ text: String) throws -> Duration {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let seconds = units[unit], let count = Int64(text.dropLast()),
            count > 0, text.dropLast().allSatisfy(\.isASCII),
            case (let total, false) = count.multipliedReportingOverflow(by: seconds),
            total <= Int64.max / 1_000_000_000
        else {
            throw ValidationError(
                "expected a positive whole number with a unit s, m, h, d or w, such as 45s, 30m, 12h or 7d")
        }
        return .seconds(total)
    }

    /// A size: a whole number of bytes, optionally followed by `B`, `KiB`, `MiB`, `GiB` or
    /// `TiB` (powers of 1024; `K`, `M`, `G`, `T` and `KB`… are accepted as the same).
    @Sendable
    static func byteCount(_ text: String) throws -> Int64 {
        let multipliers: [String: Int64] = [
            "": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
            "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30, "t": 1 << 40, "tb": 1 << 40, "tib": 1 << 40,
        ]
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count).lowercased()
        guard let count = Int64(digits), count > 0, let multiplier = multipliers[unit],
            case (let total, false) = count.multipliedReportingOverflow(by: multiplier)
        else {
            throw ValidationError("expected a positive size such as 1GiB, 500MiB, 10KiB or 1048576 (bytes)")
        }
        return total
    }
}
