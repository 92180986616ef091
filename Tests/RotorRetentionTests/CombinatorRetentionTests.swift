import RotorCore
import RotorRetention
import RotorRotation
import Testing

/// A policy that is not `Equatable` and returns IDs it was not given, to check that the
/// combinators ask `isEqual(to:)` and ignore foreign IDs.
struct RoguePolicy: RetentionPolicy {
    var extra: ArchiveID
    func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        Set(generations.prefix(1).map(\.id)).union([extra])
    }
    func isEqual(to other: any RetentionPolicy) -> Bool { (other as? RoguePolicy)?.extra == extra }
}

@Suite struct CombinatorRetentionTests {
    let all = [240, 200, 100, 50, 1].map { hours in
        generation(at: referenceNow.advanced(by: .seconds(-3600 * Int64(hours))), bytes: 100)
    }

    @Test func anyOfDeletesTheUnion() throws {
        let week = try MaxAgeRetention(.seconds(168 * 3600))
        #expect(keptIndices(AnyOfRetention(try KeepCountRetention(4), week), all) == [2, 3, 4])
        #expect(keptIndices(AnyOfRetention(try KeepCountRetention(2), week), all) == [3, 4])
        #expect(keptIndices(AnyOfRetention(week, try MaxTotalBytesRetention(100)), all) == [4])
        #expect(keptIndices(AnyOfRetention(NoRetention()), all) == [0, 1, 2, 3, 4])
    }

    @Test func allOfDeletesTheIntersection() throws {
        let week = try MaxAgeRetention(.seconds(168 * 3600))
        // "older than a week, but always keep the newest 4"
        #expect(keptIndices(AllOfRetention(week, try KeepCountRetention(4)), all) == [1, 2, 3, 4])
        #expect(keptIndices(AllOfRetention(week, try KeepCountRetention(1)), all) == [2, 3, 4])
        #expect(keptIndices(AllOfRetention(week, NoRetention()), all) == [0, 1, 2, 3, 4])
        #expect(keptIndices(AllOfRetention(try KeepCountRetention(1)), all) == [4])
        #expect(
            keptIndices(AllOfRetention(try MaxAgeRetention(.seconds(1)), try KeepCountRetention(2)), all) == [3, 4])
    }

    @Test func nestedCombinatorsCompose() throws {
        let policy = AllOfRetention(
            AnyOfRetention(try MaxAgeRetention(.seconds(72 * 3600)), try MaxTotalBytesRetention(250)),
            try KeepCountRetention(1)
        )
        // any-of: {0, 1, 2} by age ∪ {0, 1, 2} by bytes; all-of with keep 1's {0, 1, 2, 3}: {0, 1, 2}.
        #expect(keptIndices(policy, all) == [3, 4])
    }

    @Test func foreignIDsFromAChildAreDropped() throws {
        let foreign = ArchiveID(millisecondsSinceEpoch: 1, sequence: 1)
        let rogue = RoguePolicy(extra: foreign)
        #expect(rogue.expired(all, now: referenceNow).contains(foreign))
        #expect(AnyOfRetention(rogue).expired(all, now: referenceNow) == [all[0].id])
        #expect(AllOfRetention(rogue, rogue).expired(all, now: referenceNow) == [all[0].id])
        #expect(AnyOfRetention(rogue).expired([], now: referenceNow).isEmpty)
    }

    @Test func equalityIsElementWise() throws {
        let a = try AnyOfRetention([KeepCountRetention(3), MaxAgeRetention(.seconds(60))])
        let same = try AnyOfRetention([KeepCountRetention(3), MaxAgeRetention(.seconds(60))])
        #expect(a == same)
        #expect(a.hashValue == same.hashValue)
        #expect(a.isEqual(to: same))
        #expect(a != (try AnyOfRetention([MaxAgeRetention(.seconds(60)), KeepCountRetention(3)])))  // order matters
        #expect(a != (try AnyOfRetention([KeepCountRetention(4), MaxAgeRetention(.seconds(60))])))
        #expect(a != (try AnyOfRetention([KeepCountRetention(3)])))
        #expect(!a.isEqual(to: try AllOfRetention([KeepCountRetention(3), MaxAgeRetention(.seconds(60))])))
        #expect(!a.isEqual(to: try KeepCountRetention(3)))
        let rogue = RoguePolicy(extra: ArchiveID(millisecondsSinceEpoch: 1, sequence: 1))
        #expect(AllOfRetention(rogue) == AllOfRetention(RoguePolicy(extra: rogue.extra)))
        #expect(
            AllOfRetention(rogue)
                != AllOfRetention(RoguePolicy(extra: ArchiveID(millisecondsSinceEpoch: 2, sequence: 1))))
        let nested = AllOfRetention(a, NoRetention())
        #expect(nested == AllOfRetention(same, NoRetention()))
        #expect(Set([a, same]).count == 1)
        #expect(NoRetention().isEqual(to: NoRetention()))
        #expect(!NoRetention().isEqual(to: try KeepCountRetention(1)))
    }
}
