import RotorCore
import RotorRetention
import RotorRotation
import Testing

@Suite struct KeepCountRetentionTests {
    /// R7.1: a directory with foreign files, look-alikes and a half-compressed generation.
    @Test func keepsExactlyCountGenerationsCountingAHalfCompressedOneOnce() throws {
        let directory: [(String, Int64)] = [
            ("app.log", 500),  // the active file
            ("app.2026-11-21T10-00-00.000Z.001.log", 1000),
            ("app.2026-11-21T11-00-00.000Z.001.log", 1000),  // interrupted compression: .log and .gz
            ("app.2026-11-21T11-00-00.000Z.001.log.gz", 200),
            ("app.2026-11-21T12-00-00.000Z.001.log.gz", 210),
            ("app.2026-11-21T13-00-00.000Z.001.log.gz", 220),
            ("app.2026-11-21T14-00-00.000Z.001.log", 1000),  // being compressed
            ("app.2026-11-21T14-00-00.000Z.001.log.gz.tmp", 50),
            // R4.8 look-alikes: never counted, never deleted.
            ("app.log.1", 1), ("app.log.1.bak", 1), ("app.log.2026-13-45", 1), ("app.log.x.gz", 1),
            ("app.log.foo", 1), ("app.2026-11-21T09-00-00.000Z.001.log.bak", 1),
            ("app.b.2026-11-21T09-00-00.000Z.001.log", 1),  // an archive of app.b.log
            ("app.2026-13-45T00-00-00.000Z.001.log", 1),
        ]
        let ours = directory.compactMap { name, bytes in
            TimestampArchiveNaming().parse(fileName: name, base: base).map { (name: $0, bytes: bytes) }
        }
        #expect(ours.count == 7)  // the active file and the look-alikes are not ours
        let generations = ArchiveGeneration.group(ours)
        #expect(generations.count == 5)

        let expired = try KeepCountRetention(3).expired(generations, now: referenceNow)
        let deletedFiles = generations.filter { expired.contains($0.id) }.flatMap(\.files).map(\.fileName).sorted()
        #expect(
            deletedFiles == [
                "app.2026-11-21T10-00-00.000Z.001.log",
                "app.2026-11-21T11-00-00.000Z.001.log",
                "app.2026-11-21T11-00-00.000Z.001.log.gz",
            ])
        let kept = generations.filter { !expired.contains($0.id) }
        #expect(kept.count == 3)
        #expect(
            kept.map(\.rotatedAt) == [
                instant("2026-11-21T12:00:00Z"), instant("2026-11-21T13:00:00Z"), instant("2026-11-21T14:00:00Z"),
            ])
    }

    /// R7.2: excess that accumulated before start is removed in one call.
    @Test func preExistingExcessIsRemovedAtOnce() throws {
        let all = generations(sizes: Array(repeating: 10, count: 20))
        #expect(keptIndices(try KeepCountRetention(3), all) == [17, 18, 19])
        #expect(keptIndices(try KeepCountRetention(20), all) == Array(0..<20))
        #expect(keptIndices(try KeepCountRetention(25), all) == Array(0..<20))
    }

    @Test func zeroThroughRetentionRulesKeepsNone() throws {
        let all = generations(sizes: [1, 2, 3])
        #expect(keptIndices(try RetentionRules(keep: 0), all).isEmpty)
    }

    /// R5.4: order is by ID, so an archive named with an earlier time after the clock stepped back
    /// is still "newer" only if its ID is greater, which ArchiveID.next guarantees.
    @Test func newestMeansHighestIDEvenWhenTheClockSteppedBack() throws {
        var ids: [ArchiveID] = []
        for second: Int64 in [100, 200, 50, 50, 300] {  // the clock stepped back to 50 twice
            ids.append(ArchiveID.next(after: ids.last, now: LogTimestamp(secondsSinceEpoch: second)))
        }
        let all = ids.map { ArchiveGeneration(id: $0, files: [], bytes: 1) }
        #expect(keptIndices(try KeepCountRetention(3), all, now: LogTimestamp(secondsSinceEpoch: 0)) == [2, 3, 4])
        #expect(all[2].rotatedAt == LogTimestamp(nanosecondsSinceEpoch: 200_000_000_000))  // held at 200 s
    }
}
