/// The default ``ArchiveNaming``: the rotation's UTC time to the millisecond and a three-digit
/// sequence, inserted between the active file's stem and its extension.
///
/// | Active file (`base`) | Archive (plain) | Compressed | Being compressed |
/// |---|---|---|---|
/// | `app.log` | `app.2026-11-21T14-30-22.123Z.001.log` | `app.2026-11-21T14-30-22.123Z.001.log.gz` | `app.2026-11-21T14-30-22.123Z.001.log.gz.tmp` |
/// | `my.app.log` | `my.app.2026-11-21T14-30-22.123Z.001.log` | … `.log.gz` | … `.log.gz.tmp` |
/// | `app` | `app.2026-11-21T14-30-22.123Z.001` | `app.2026-11-21T14-30-22.123Z.001.gz` | … `.001.gz.tmp` |
/// | `.hidden` | `.hidden.2026-11-21T14-30-22.123Z.001` | … `.001.gz` | … `.001.gz.tmp` |
///
/// The extension is the part of `base` from its **last** dot; a dot that is the first or the last
/// character does not start an extension (`.hidden` and `app.` have none).
///
/// The timestamp is UTC, fixed width and zero-padded (`YYYY-MM-DDTHH-MM-SS.mmmZ`, with `-` instead
/// of `:` so that names are valid on every file system), and the sequence is `001`...`999`. Names
/// of one base therefore sort (byte-wise, and with `String`'s `<`) in the order of their
/// ``ArchiveID``s, which ``ArchiveID/next(after:now:)`` keeps chronological.
///
/// ``parse(fileName:base:)`` is strict and accepts exactly the names this scheme produces:
///
/// | Rejected look-alike (for `base` `app.log`) | Why |
/// |---|---|
/// | `app.log.1`, `app.log.foo`, `app.log.1.bak` | not `stem.<timestamp>.<sequence>.log` |
/// | `app.2026-13-45T00-00-00.000Z.001.log`, `app.2026-02-30T00-00-00.000Z.001.log` | impossible date (leap years are checked) |
/// | `app.x.2026-11-21T14-30-22.123Z.001.log` | something between the stem and the timestamp |
/// | `app.….001.log.bak`, `app.….001.log.gz.old` | unknown suffix |
/// | `app.….1.log`, `app.….0001.log`, `app.….000.log` | sequence not exactly three digits in `001...999` |
/// | `app.b.….001.log` | an archive of another base (`app.b.log`); and for base `app.b.log`, `app.….001.log` is one of `app.log` |
public struct TimestampArchiveNaming: ArchiveNaming, Hashable {
    /// Creates the naming scheme.
    public init() {}

    /// `<stem>.<YYYY-MM-DDTHH-MM-SS.mmmZ>.<NNN><extension>`; see ``TimestampArchiveNaming``.
    public func archiveFileName(for id: ArchiveID, base: String) -> String {
        let (stem, fileExtension) = Self.split(Array(base.utf8))
        var bytes = stem
        bytes.reserveCapacity(stem.count + 29 + fileExtension.count)
        bytes.append(UInt8(ascii: "."))
        Self.appendTimestamp(milliseconds: id.millisecondsSinceEpoch, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        Self.appendNumber(Int64(id.sequence), width: 3, to: &bytes)
        bytes += fileExtension
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Accepts exactly `<stem>.<timestamp>.<NNN><extension>` followed by nothing, `.gz` or
    /// `.gz.tmp`, with a valid UTC date and time and a sequence in `001...999`; `nil` otherwise.
    public func parse(fileName: String, base: String) -> ParsedArchiveName? {
        let name = Array(fileName.utf8)
        let (stem, fileExtension) = Self.split(Array(base.utf8))
        let fixedLength = 1 + 24 + 1 + 3  // ".<timestamp>.<NNN>"
        guard name.count >= stem.count + fixedLength + fileExtension.count,
            name.starts(with: stem)
        else { return nil }
        var index = stem.count
        guard name[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        guard let milliseconds = Self.parseTimestamp(name[index..<(index + 24)]) else { return nil }
        index += 24
        guard name[index] == UInt8(ascii: "."),
            let sequence = Self.parseNumber(name[(index + 1)..<(index + 4)]),
            (1...Int64(ArchiveID.maximumSequence)).contains(sequence)
        else { return nil }
        index += 4
        guard name[index...].starts(with: fileExtension) else { return nil }
        index += fileExtension.count
        let suffix = name[index...]
        guard let state = ArchiveFileState.allCases.first(where: { suffix.elementsEqual($0.fileNameSuffix.utf8) })
        else {
            return nil
        }
        return ParsedArchiveName(
            id: ArchiveID(millisecondsSinceEpoch: milliseconds, sequence: Int(sequence)),
            state: state,
            fileName: fileName
        )
    }

    /// Splits a base name at its last dot into stem and extension (with the dot); a dot that is
    /// the first or last byte does not start an extension.
    private static func split(_ base: [UInt8]) -> (stem: [UInt8], fileExtension: [UInt8]) {
        guard let dot = base.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot < base.count - 1 else {
            return (base, [])
        }
        return (Array(base[..<dot]), Array(base[dot...]))
    }

    private static func appendNumber(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        if digits.count < width { bytes += repeatElement(UInt8(ascii: "0"), count: width - digits.count) }
        bytes += digits.reversed()
    }

    /// `YYYY-MM-DDTHH-MM-SS.mmmZ` in UTC.
    private static func appendTimestamp(milliseconds: Int64, to bytes: inout [UInt8]) {
        let days = floorDivide(milliseconds, 86_400_000)
        let millisecondOfDay = milliseconds - days * 86_400_000
        let date = CivilDate.date(days: days)
        appendNumber(date.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendNumber(date.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendNumber(date.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendNumber(millisecondOfDay / 3_600_000, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendNumber(millisecondOfDay / 60_000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendNumber(millisecondOfDay / 1000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendNumber(millisecondOfDay % 1000, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// The value of a run of ASCII digits, `nil` if any byte is not a digit.
    private static func parseNumber(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Parses exactly 24 bytes `YYYY-MM-DDTHH-MM-SS.mmmZ` into milliseconds since the epoch.
    private static func parseTimestamp(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let start = bytes.startIndex
        func field(_ offset: Int, _ length: Int) -> Int64? {
            parseNumber(bytes[(start + offset)..<(start + offset + length)])
        }
        func separator(_ offset: Int, _ character: Unicode.Scalar) -> Bool {
            bytes[start + offset] == UInt8(ascii: character)
        }
        guard bytes.count == 24,
            separator(4, "-"), separator(7, "-"), separator(10, "T"), separator(13, "-"), separator(16, "-"),
            separator(19, "."), separator(23, "Z"),
            let year = field(0, 4), let month = field(5, 2), let day = field(8, 2),
            let hour = field(11, 2), let minute = field(14, 2), let second = field(17, 2),
            let millisecond = field(20, 3),
            (1...12).contains(month), (1...CivilDate.daysInMonth(year: year, month: month)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
    }
}
