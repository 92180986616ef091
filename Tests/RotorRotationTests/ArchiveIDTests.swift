import RotorCore
import RotorRotation
import RotorTestKit
import Testing

@Suite struct ArchiveIDTests {
    static let now = instant("2026-11-21T14:30:22Z", nanoseconds: 123_456_789)
    static let nowMilliseconds = instant("2026-11-21T14:30:22Z").secondsSinceEpoch * 1000 + 123

    @Test func firstIDUsesTheMillisecondOfNowAndSequenceOne() {
        #expect(
            ArchiveID.next(after: nil, now: Self.now)
                == ArchiveID(millisecondsSinceEpoch: Self.nowMilliseconds, sequence: 1))
        #expect(
            ArchiveID.next(after: nil, now: Self.now).timestamp
                == instant("2026-11-21T14:30:22Z", nanoseconds: 123_000_000))
        // Before the epoch, milliseconds round down.
        #expect(ArchiveID.next(after: nil, now: LogTimestamp(nanosecondsSinceEpoch: -1)).millisecondsSinceEpoch == -1)
    }

    @Test func laterMillisecondRestartsTheSequence() {
        let last = ArchiveID(millisecondsSinceEpoch: Self.nowMilliseconds - 5, sequence: 17)
        #expect(
            ArchiveID.next(after: last, now: Self.now)
                == ArchiveID(millisecondsSinceEpoch: Self.nowMilliseconds, sequence: 1))
    }

    @Test func sameMillisecondIncrementsAndOverflowMovesToTheNextMillisecond() {
        let last = ArchiveID(millisecondsSinceEpoch: Self.nowMilliseconds, sequence: 41)
        #expect(
            ArchiveID.next(after: last, now: Self.now)
                == ArchiveID(millisecondsSinceEpoch: Self.nowMilliseconds, sequence: 42))
        let full = ArchiveID(millisecondsSinceEpoch: Self.nowMilliseconds, sequence: 999)
        #expect(
            ArchiveID.next(after: full, now: Self.now)
                == ArchiveID(millisecondsSinceEpoch: Self.nowMilliseconds + 1, sequence: 1))
    }

    @Test func orderIsMillisecondThenSequence() {
        let a = ArchiveID(millisecondsSinceEpoch: 10, sequence: 999)
        let b = ArchiveID(millisecondsSinceEpoch: 11, sequence: 1)
        let c = ArchiveID(millisecondsSinceEpoch: 11, sequence: 2)
        #expect(a < b && b < c && a < c)
        #expect(!(b < b))
        #expect([c, a, b].sorted() == [a, b, c])
    }

    @Test(arguments: [1_000, 5_000])
    func manyRotationsInOneMillisecondGiveIncreasingIDsAndSortedNames(_ count: Int) throws {
        let naming = TimestampArchiveNaming()
        var ids: [ArchiveID] = []
        var last: ArchiveID?
        for _ in 0..<count {
            let id = ArchiveID.next(after: last, now: Self.now)
            ids.append(id)
            last = id
        }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Set(ids).count == count)
        #expect(ids.allSatisfy { (1...999).contains($0.sequence) })
        let names = ids.map { naming.archiveFileName(for: $0, base: "app.log") }
        #expect(Set(names).count == count)
        #expect(names.sorted() == names)  // String order == ID order
        #expect(names.map { naming.parse(fileName: $0, base: "app.log")?.id } == ids)
        #expect(ids.last?.millisecondsSinceEpoch == Self.nowMilliseconds + Int64((count - 1) / 999))
    }

    @Test func clockGoingBackwardsStillGivesIncreasingIDs() {
        let naming = TimestampArchiveNaming()
        var ids: [ArchiveID] = []
        var last: ArchiveID?
        var generator = SplitMix64(seed: 11)
        var now = Self.now
        for step in 0..<3_000 {
            // Mostly backwards, by up to a day, sometimes forwards.
            let delta = Int64.random(in: -86_400_000_000_000...1_000_000, using: &generator)
            now = LogTimestamp(nanosecondsSinceEpoch: now.nanosecondsSinceEpoch + (step % 10 == 0 ? -delta : delta))
            let id = ArchiveID.next(after: last, now: now)
            ids.append(id)
            last = id
        }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        let names = ids.map { naming.archiveFileName(for: $0, base: "app.log") }
        #expect(names.sorted() == names)
    }

    /// Names have four-digit years: IDs end at the last millisecond of 9999, and after the last
    /// nameable ID (which only a file planted with that name can lead to) there is no successor,
    /// rather than a name with a five-digit year that no reader recognises.
    @Test func idsEndAtTheLastNameableMillisecond() {
        let naming = TimestampArchiveNaming()
        let maximum = ArchiveID.maximumMilliseconds
        #expect(
            naming.archiveFileName(for: ArchiveID.latest, base: "app.log") == "app.9999-12-31T23-59-59.999Z.999.log")
        #expect(
            naming.parse(fileName: "app.9999-12-31T23-59-59.999Z.999.log", base: "app.log")?.id == ArchiveID.latest)
        let almost = ArchiveID(millisecondsSinceEpoch: maximum, sequence: 998)
        #expect(ArchiveID.next(after: almost, now: Self.now) == ArchiveID.latest)
        #expect(almost.successor == ArchiveID.latest)
        #expect(ArchiveID.next(after: ArchiveID.latest, now: Self.now) == ArchiveID.latest)
        #expect(ArchiveID.latest.successor == nil)
        #expect(
            ArchiveID(millisecondsSinceEpoch: maximum - 1, sequence: 999).successor
                == ArchiveID(millisecondsSinceEpoch: maximum, sequence: 1))
        // An ID past the last nameable one counts as the last millisecond.
        #expect(
            ArchiveID.next(after: ArchiveID(millisecondsSinceEpoch: maximum + 5, sequence: 3), now: Self.now)
                == ArchiveID(millisecondsSinceEpoch: maximum, sequence: 4))
    }

    /// An ID whose instant a `LogTimestamp` cannot hold (names allow years 0000 to 9999, the
    /// timestamp 1677 to 2262) gives the latest or the earliest timestamp instead of trapping.
    @Test func timestampsOfFarIDsSaturate() {
        #expect(ArchiveID.latest.timestamp == LogTimestamp(nanosecondsSinceEpoch: .max))
        #expect(
            ArchiveID(millisecondsSinceEpoch: ArchiveID.minimumMilliseconds, sequence: 1).timestamp
                == LogTimestamp(nanosecondsSinceEpoch: .min))
        #expect(
            ArchiveID(millisecondsSinceEpoch: Self.nowMilliseconds, sequence: 1).timestamp
                == instant("2026-11-21T14:30:22Z", nanoseconds: 123_000_000))
    }
}
