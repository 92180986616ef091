import RotorCore
import RotorRotation

/// The content of a rotating file's period state file (`.app.log.rotor-state`): when the active
/// file's period started and, when the writer knew it, the ID of the newest archive.
///
/// ```
/// period-start <nanoseconds since the epoch>
/// newest-archive <milliseconds since the epoch> <sequence>
/// ```
///
/// The second line is written by a file shared across processes, at each rotation, under the
/// writer lock: a process that follows another's rotation learns from it the archive ID that
/// process chose, so that its own next archive is named after that one even when the clock has
/// stepped back. A record without it (an older Rotor) still reads.
struct PeriodRecord: Equatable {
    var periodStart: LogTimestamp
    var newestArchive: ArchiveID?

    /// The bytes of the state file.
    func encoded() -> [UInt8] {
        var text = "period-start \(periodStart.nanosecondsSinceEpoch)\n"
        if let newestArchive {
            text += "newest-archive \(newestArchive.millisecondsSinceEpoch) \(newestArchive.sequence)\n"
        }
        return Array(text.utf8)
    }

    /// Reads a state file's bytes; `nil` if they are not a period record.
    static func parse(_ bytes: [UInt8]) -> PeriodRecord? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasSuffix("\n") else { return nil }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard (1...2).contains(lines.count), lines[0].hasPrefix("period-start "),
            let start = Int64(lines[0].dropFirst("period-start ".count))
        else { return nil }
        var record = PeriodRecord(periodStart: LogTimestamp(nanosecondsSinceEpoch: start))
        if lines.count == 2 {
            let fields = lines[1].split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0] == "newest-archive", let milliseconds = Int64(fields[1]),
                (ArchiveID.minimumMilliseconds...ArchiveID.maximumMilliseconds).contains(milliseconds),
                let sequence = Int(fields[2]), (1...ArchiveID.maximumSequence).contains(sequence)
            else { return nil }
            record.newestArchive = ArchiveID(millisecondsSinceEpoch: milliseconds, sequence: sequence)
        }
        return record
    }
}
