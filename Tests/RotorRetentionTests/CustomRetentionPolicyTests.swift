import RotorCore
import RotorRetention
import RotorRotation
import Testing

/// A user-defined policy: keeps the archives of the newest `days` distinct UTC days that have
/// archives, however far apart those days are (days without archives do not count).
struct LastDistinctDaysRetention: RetentionPolicy, Hashable {
    var days: Int

    func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        func day(_ generation: ArchiveGeneration) -> Int64 {
            let (quotient, remainder) = generation.id.millisecondsSinceEpoch.quotientAndRemainder(
                dividingBy: 86_400_000)
            return remainder < 0 ? quotient - 1 : quotient
        }
        let keptDays = Set(Set(generations.map(day)).sorted().suffix(max(days, 0)))
        return Set(generations.filter { !keptDays.contains(day($0)) }.map(\.id))
    }
}

@Suite struct CustomRetentionPolicyTests {
    /// R5.6 flavour: daily archives with gaps (the process did not run some days).
    @Test func userPolicyKeepsTheLastDistinctDays() {
        let names = [
            "app.2026-11-10T23-00-00.000Z.001.log.gz",
            "app.2026-11-12T08-00-00.000Z.001.log.gz",
            "app.2026-11-12T20-00-00.000Z.001.log.gz",
            "app.2026-11-15T00-00-00.000Z.001.log.gz",  // gap: 13th and 14th missing
            "app.2026-11-15T23-59-59.999Z.001.log.gz",
            "app.2026-11-15T23-59-59.999Z.002.log.gz",
            "app.2026-11-18T01-00-00.000Z.001.log",
        ]
        let all = ArchiveGeneration.group(names.map { (parsed($0), 10) })
        let now = instant("2026-11-20T00:00:00Z")
        #expect(keptIndices(LastDistinctDaysRetention(days: 2), all, now: now) == [3, 4, 5, 6])
        #expect(keptIndices(LastDistinctDaysRetention(days: 3), all, now: now) == [1, 2, 3, 4, 5, 6])
        #expect(keptIndices(LastDistinctDaysRetention(days: 0), all, now: now).isEmpty)
        #expect(keptIndices(LastDistinctDaysRetention(days: 10), all, now: now) == Array(0..<7))
    }

    @Test func userPolicyComposesAndCompares() throws {
        let all = generations(sizes: [100, 100, 100, 100])  // all on 2026-11-21, one hour apart
        let policy = AnyOfRetention(LastDistinctDaysRetention(days: 1), try MaxTotalBytesRetention(250))
        #expect(keptIndices(policy, all) == [2, 3])
        let any: any RetentionPolicy = LastDistinctDaysRetention(days: 2)
        #expect(any.isEqual(to: LastDistinctDaysRetention(days: 2)))  // free via Equatable
        #expect(!any.isEqual(to: LastDistinctDaysRetention(days: 3)))
        #expect(!any.isEqual(to: try KeepCountRetention(2)))
        #expect(policy == AnyOfRetention(LastDistinctDaysRetention(days: 1), try MaxTotalBytesRetention(250)))
    }
}
