import Foundation
import RotorCore
import RotorRetention
import RotorRotation

/// A custom retention policy: of the archives rotated before today (UTC), keep only the newest
/// one of each day; today's archives are all kept.
///
/// Retention policies are pure: they get the generations (oldest first) and the current time, and
/// return the IDs to delete. The sink does the deleting, and only ever among files its archive
/// naming recognised, so a policy cannot touch foreign files.
struct KeepNewestPerDayRetention: RetentionPolicy, Hashable {
    func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        let today = Self.day(of: now)
        var newestOfDay: [Int64: ArchiveID] = [:]
        for generation in generations where Self.day(of: generation.rotatedAt) < today {
            let day = Self.day(of: generation.rotatedAt)
            if let kept = newestOfDay[day], kept > generation.id { continue }
            newestOfDay[day] = generation.id
        }
        let kept = Set(newestOfDay.values)
        return Set(generations.lazy
            .filter { Self.day(of: $0.rotatedAt) < today && !kept.contains($0.id) }
            .map(\.id))
    }

    /// Days since the epoch, UTC.
    private static func day(of timestamp: LogTimestamp) -> Int64 {
        let seconds = timestamp.secondsSinceEpoch
        return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }
}
