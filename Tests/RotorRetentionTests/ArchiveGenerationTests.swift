import RotorCore
import RotorRetention
import RotorRotation
import RotorTestKit
import Testing

@Suite struct ArchiveGenerationTests {
    @Test func halfCompressedGenerationIsOneGenerationSizedByItsGzip() throws {
        let plain = parsed("app.2026-11-21T11-00-00.000Z.001.log")
        let gzip = parsed("app.2026-11-21T11-00-00.000Z.001.log.gz")
        let groups = ArchiveGeneration.group([(gzip, 120), (plain, 1000)])
        #expect(groups.count == 1)
        let group = try #require(groups.first)
        #expect(group.id == plain.id)
        #expect(group.files == [plain, gzip])  // plain first, then compressed
        #expect(group.bytes == 120)
        #expect(group.rotatedAt == instant("2026-11-21T11:00:00Z"))
    }

    @Test func compressingFilesAreIgnored() throws {
        let groups = ArchiveGeneration.group([
            (parsed("app.2026-11-21T10-00-00.000Z.001.log.gz.tmp"), 50),  // only a .gz.tmp: no generation
            (parsed("app.2026-11-21T11-00-00.000Z.001.log"), 1000),
            (parsed("app.2026-11-21T11-00-00.000Z.001.log.gz.tmp"), 70),
        ])
        #expect(groups.count == 1)
        let group = try #require(groups.first)
        #expect(group.files.map(\.fileName) == ["app.2026-11-21T11-00-00.000Z.001.log"])
        #expect(group.files.allSatisfy { $0.state != .compressing })
        #expect(group.bytes == 1000)
    }

    @Test func groupsAreOldestFirstWhateverTheInputOrder() {
        let files: [(name: ParsedArchiveName, bytes: Int64)] = [
            (parsed("app.2026-11-21T12-00-00.000Z.002.log.gz"), 3),
            (parsed("app.2026-11-20T23-59-59.999Z.001.log"), 1),
            (parsed("app.2026-11-21T12-00-00.000Z.001.log"), 20),
            (parsed("app.2026-11-21T12-00-00.000Z.001.log.gz"), 2),
            (parsed("app.2027-01-01T00-00-00.000Z.001.log"), 4),
        ]
        let expectedIDs = [
            ArchiveID(
                millisecondsSinceEpoch: instant("2026-11-20T23:59:59Z").nanosecondsSinceEpoch / 1_000_000 + 999,
                sequence: 1),
            ArchiveID(
                millisecondsSinceEpoch: instant("2026-11-21T12:00:00Z").nanosecondsSinceEpoch / 1_000_000, sequence: 1),
            ArchiveID(
                millisecondsSinceEpoch: instant("2026-11-21T12:00:00Z").nanosecondsSinceEpoch / 1_000_000, sequence: 2),
            ArchiveID(
                millisecondsSinceEpoch: instant("2027-01-01T00:00:00Z").nanosecondsSinceEpoch / 1_000_000, sequence: 1),
        ]
        let reference = ArchiveGeneration.group(files)
        #expect(reference.map(\.id) == expectedIDs)
        #expect(reference.map(\.bytes) == [1, 2, 3, 4])
        var rng = SplitMix64(seed: 7)
        for _ in 0..<50 {
            #expect(ArchiveGeneration.group(files.shuffled(using: &rng)) == reference)
        }
    }

    @Test func repeatedEntriesAreListedOnceAndNegativeSizesCountAsZero() throws {
        let plain = parsed("app.2026-11-21T11-00-00.000Z.001.log")
        let groups = ArchiveGeneration.group([(plain, -5), (plain, -1)])
        let group = try #require(groups.first)
        #expect(groups.count == 1)
        #expect(group.files == [plain])
        #expect(group.bytes == 0)
        #expect(ArchiveGeneration.group([(plain, 10), (plain, 30)]).first?.bytes == 30)
    }

    @Test func emptyInputGivesNoGenerations() {
        #expect(ArchiveGeneration.group([]).isEmpty)
    }
}
