import RotorCore
import RotorRetention
import RotorRotation
import RotorTestKit
import Testing

@Suite struct MaxTotalBytesRetentionTests {
    /// R7.3: a cap smaller than one archive still keeps the newest archive.
    @Test func capSmallerThanOneArchiveKeepsTheNewest() throws {
        #expect(keptIndices(try MaxTotalBytesRetention(100), generations(sizes: [500])) == [0])
        #expect(keptIndices(try MaxTotalBytesRetention(200), generations(sizes: [100, 500])) == [1])
        #expect(keptIndices(try MaxTotalBytesRetention(1), generations(sizes: [1, 1, 2])) == [2])
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var sizes: [Int64], cap: Int64, kept: [Int]
        var testDescription: String { "\(sizes) cap \(cap) -> \(kept)" }
    }

    @Test(arguments: [
        Row(sizes: [100, 100, 100], cap: 300, kept: [0, 1, 2]),  // total exactly == cap keeps all
        Row(sizes: [100, 100, 100], cap: 299, kept: [1, 2]),
        Row(sizes: [100, 100, 100], cap: 200, kept: [1, 2]),
        Row(sizes: [100, 100, 100], cap: 199, kept: [2]),
        Row(sizes: [100, 100, 100], cap: 301, kept: [0, 1, 2]),
        Row(sizes: [50, 300, 100], cap: 200, kept: [2]),  // oldest first: the small 50 goes too
        Row(sizes: [0, 0, 100, 0], cap: 100, kept: [0, 1, 2, 3]),
        Row(sizes: [1, 0, 100, 0], cap: 100, kept: [1, 2, 3]),
        Row(sizes: [Int64.max, Int64.max], cap: .max, kept: [1]),  // no overflow trap: max + max is over the cap
        Row(sizes: [1, Int64.max - 1], cap: .max, kept: [0, 1]),
    ])
    func totalStaysWithinTheCapExactly(_ row: Row) throws {
        #expect(keptIndices(try MaxTotalBytesRetention(row.cap), generations(sizes: row.sizes)) == row.kept)
    }

    @Test func halfCompressedGenerationCountsItsGzipOnce() throws {
        let files: [(name: ParsedArchiveName, bytes: Int64)] = [
            (parsed("app.2026-11-21T09-00-00.000Z.001.log"), 1000),
            (parsed("app.2026-11-21T09-00-00.000Z.001.log.gz"), 100),
            (parsed("app.2026-11-21T10-00-00.000Z.001.log.gz"), 100),
            (parsed("app.2026-11-21T11-00-00.000Z.001.log.gz"), 50),
        ]
        let all = ArchiveGeneration.group(files)
        #expect(keptIndices(try MaxTotalBytesRetention(250), all) == [0, 1, 2])  // 100 + 100 + 50
        #expect(keptIndices(try MaxTotalBytesRetention(249), all) == [1, 2])
    }

    /// The kept generations are the newest run; their total is ≤ cap, or they are the newest
    /// alone; and keeping one more would exceed the cap.
    @Test func randomInputsKeepTheLongestNewestRunWithinTheCap() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let all = randomGenerations(count: Int.random(in: 0...30, using: &rng), now: referenceNow, using: &rng)
            let cap = Int64.random(in: 1...3000, using: &rng)
            let kept = keptIndices(try MaxTotalBytesRetention(cap), all)
            guard !all.isEmpty else {
                #expect(kept.isEmpty)
                continue
            }
            #expect(kept == Array((all.count - kept.count)..<all.count))  // a suffix
            let total = kept.map { all[$0].bytes }.reduce(0, +)
            #expect(total <= cap || kept == [all.count - 1])
            if kept.count < all.count {
                #expect(total + all[all.count - kept.count - 1].bytes > cap)
            }
        }
    }
}
