import Foundation
import RotorCore
import RotorRetention
import RotorRotation
import RotorTestKit

/// The active file name used throughout the tests.
let base = "app.log"

/// Parses `fileName` as an archive of `base` with the default naming; traps if it is not one.
func parsed(_ fileName: String, base: String = base) -> ParsedArchiveName {
    guard let name = TimestampArchiveNaming().parse(fileName: fileName, base: base) else {
        fatalError("\(fileName) is not an archive name of \(base)")
    }
    return name
}

/// The instant written as ISO 8601 with an explicit offset, e.g. `"2026-03-29T03:30:00+02:00"`.
func instant(_ iso: String) -> LogTimestamp {
    let date = withFoundationDateLock { () -> Date? in
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: iso)
    }
    guard let date else { fatalError("bad ISO 8601 literal \(iso)") }
    return LogTimestamp(date)
}

/// A generation rotated at `rotatedAt` (millisecond precision) with one plain file.
func generation(at rotatedAt: LogTimestamp, sequence: Int = 1, bytes: Int64) -> ArchiveGeneration {
    let id = ArchiveID(millisecondsSinceEpoch: rotatedAt.nanosecondsSinceEpoch / 1_000_000, sequence: sequence)
    let name = TimestampArchiveNaming().archiveFileName(for: id, base: base)
    return ArchiveGeneration(id: id, files: [parsed(name)], bytes: bytes)
}

/// A reference instant, 2026-11-21T12:00:00Z.
let referenceNow = instant("2026-11-21T12:00:00Z")

/// One generation per size, oldest first, one hour apart, the newest rotated one hour before
/// `now`.
func generations(sizes: [Int64], now: LogTimestamp = referenceNow) -> [ArchiveGeneration] {
    sizes.enumerated().map { index, size in
        generation(at: now.advanced(by: .seconds(-3600 * (sizes.count - index))), bytes: size)
    }
}

/// The indices (into `generations`) of the generations `policy` keeps.
func keptIndices(
    _ policy: any RetentionPolicy,
    _ generations: [ArchiveGeneration],
    now: LogTimestamp = referenceNow
) -> [Int] {
    let expired = policy.expired(generations, now: now)
    return generations.indices.filter { !expired.contains(generations[$0].id) }
}

/// Random generations, oldest first: IDs strictly increasing (some sharing a millisecond),
/// rotation times spread over about 30 days before `now` (a few in the future), sizes 0...1000.
func randomGenerations(count: Int, now: LogTimestamp, using rng: inout SplitMix64) -> [ArchiveGeneration] {
    var milliseconds = now.nanosecondsSinceEpoch / 1_000_000 - 30 * 86_400_000
    var result: [ArchiveGeneration] = []
    var last: ArchiveID?
    for _ in 0..<count {
        milliseconds += Int64.random(in: 0...(31 * 86_400_000 / Int64(max(count, 1))), using: &rng)
        let id = ArchiveID.next(after: last, now: LogTimestamp(nanosecondsSinceEpoch: milliseconds * 1_000_000))
        last = id
        let name = TimestampArchiveNaming().archiveFileName(for: id, base: base)
        result.append(ArchiveGeneration(id: id, files: [parsed(name)], bytes: Int64.random(in: 0...1000, using: &rng)))
    }
    return result
}
