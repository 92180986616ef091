import RotorCore
import RotorRetention
import RotorRotation
import RotorTestKit
import Testing

@Suite struct RetentionRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var label: String
        var sizes: [Int64]
        /// Age of each generation in hours, oldest first; `nil` for one hour apart up to 1 h ago.
        var agesInHours: [Int64]? = nil
        var keep: Int? = nil
        var maxTotalBytes: Int64? = nil
        var maxAgeHours: Int64? = nil
        var kept: [Int]
        var testDescription: String { label }
    }

    /// The precedence table of the `RetentionRules` documentation, plus a few more rows.
    @Test(arguments: [
        Row(
            label: "count then bytes: keep 3, max 250 -> newest 2", sizes: [100, 100, 100, 100, 100],
            keep: 3, maxTotalBytes: 250, kept: [3, 4]),
        Row(
            label: "count decides: keep 2, max 1000", sizes: [100, 100, 100, 100, 100],
            keep: 2, maxTotalBytes: 1000, kept: [3, 4]),
        Row(
            label: "count decides, cap met exactly: keep 3, max 300", sizes: [100, 100, 100, 100, 100],
            keep: 3, maxTotalBytes: 300, kept: [2, 3, 4]),
        Row(
            label: "cap over count survivors keeps the oversize newest", sizes: [100, 100, 400],
            keep: 3, maxTotalBytes: 250, kept: [2]),
        Row(
            label: "bytes counted only over what count kept", sizes: [5000, 100, 100],
            keep: 2, maxTotalBytes: 200, kept: [1, 2]),
        Row(
            label: "age removes the newest too", sizes: [100, 100, 100, 100, 100],
            agesInHours: [240, 240, 240, 240, 240],
            keep: 3, maxTotalBytes: 1000, maxAgeHours: 168, kept: []),
        Row(
            label: "age over what count and bytes kept", sizes: [10, 10, 10, 10, 10],
            agesInHours: [300, 200, 170, 100, 1],
            keep: 4, maxTotalBytes: 1000, maxAgeHours: 168, kept: [3, 4]),
        Row(label: "keep 0 keeps none", sizes: [1, 2, 3], keep: 0, maxTotalBytes: 1000, kept: []),
        Row(label: "bytes only", sizes: [300, 50, 50, 50], maxTotalBytes: 120, kept: [2, 3]),
        Row(
            label: "age only, future archive kept", sizes: [1, 1, 1, 1], agesInHours: [200, 100, 1, -5],
            maxAgeHours: 48, kept: [2, 3]),
    ])
    func precedenceTable(_ row: Row) throws {
        let all: [ArchiveGeneration]
        if let ages = row.agesInHours {
            all = zip(row.sizes, ages).map { size, age in
                generation(at: referenceNow.advanced(by: .seconds(-3600 * age)), bytes: size)
            }
        } else {
            all = generations(sizes: row.sizes)
        }
        let rules = try RetentionRules(
            keep: row.keep, maxTotalBytes: row.maxTotalBytes, maxAge: row.maxAgeHours.map { .seconds(3600 * $0) })
        #expect(keptIndices(rules, all) == row.kept)
    }

    /// As documented: every built-in rule deletes a run of oldest generations, so the ordered
    /// application equals the union of the three policies applied to all generations.
    @Test func equalsTheUnionOfItsRulesOnRandomInputs() throws {
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<500 {
            let all = randomGenerations(count: Int.random(in: 0...25, using: &rng), now: referenceNow, using: &rng)
            let keep = Int.random(in: 1...30, using: &rng)
            let cap = Int64.random(in: 1...8000, using: &rng)
            let age = Duration.seconds(Int64.random(in: 1...(40 * 86_400), using: &rng))
            let rules = try RetentionRules(keep: keep, maxTotalBytes: cap, maxAge: age)
            let union = AnyOfRetention(
                try KeepCountRetention(keep), try MaxTotalBytesRetention(cap), try MaxAgeRetention(age))
            #expect(rules.expired(all, now: referenceNow) == union.expired(all, now: referenceNow))
        }
    }

    @Test func exposesItsConfigurationAndCompares() throws {
        let rules = try RetentionRules(keep: 3, maxAge: .seconds(60))
        #expect(rules.keep == 3)
        #expect(rules.maxTotalBytes == nil)
        #expect(rules.maxAge == .seconds(60))
        #expect(rules == (try RetentionRules(keep: 3, maxAge: .seconds(60))))
        #expect(rules != (try RetentionRules(keep: 3)))
        #expect(rules.isEqual(to: try RetentionRules(keep: 3, maxAge: .seconds(60))))
        #expect(!rules.isEqual(to: try KeepCountRetention(3)))
        #expect(
            Set([rules, try RetentionRules(keep: 3, maxAge: .seconds(60)), try RetentionRules(maxTotalBytes: 5)]).count
                == 2)
    }
}
