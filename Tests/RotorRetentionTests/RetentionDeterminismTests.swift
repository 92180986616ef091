import RotorCore
import RotorRetention
import RotorRotation
import RotorTestKit
import Testing

@Suite struct RetentionDeterminismTests {
    static func policies() throws -> [any RetentionPolicy] {
        [
            NoRetention(),
            try KeepCountRetention(1),
            try KeepCountRetention(5),
            try MaxTotalBytesRetention(1),
            try MaxTotalBytesRetention(3000),
            try MaxAgeRetention(.seconds(7 * 86_400)),
            try RetentionRules(keep: 10, maxTotalBytes: 4000, maxAge: .seconds(14 * 86_400)),
            try AnyOfRetention([KeepCountRetention(8), MaxAgeRetention(.seconds(86_400))]),
            try AllOfRetention([KeepCountRetention(3), MaxAgeRetention(.seconds(86_400))]),
        ]
    }

    @Test func sameInputGivesSameOutputWhateverTheOrder() throws {
        var rng = SplitMix64(seed: 99)
        for policy in try Self.policies() {
            for _ in 0..<40 {
                let all = randomGenerations(count: Int.random(in: 1...25, using: &rng), now: referenceNow, using: &rng)
                let reference = policy.expired(all, now: referenceNow)
                #expect(policy.expired(all, now: referenceNow) == reference)
                #expect(policy.expired(all.shuffled(using: &rng), now: referenceNow) == reference)
                #expect(reference.isSubset(of: Set(all.map(\.id))))
            }
        }
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        for policy in try Self.policies() + [LastDistinctDaysRetention(days: 1)] {
            #expect(policy.expired([], now: referenceNow).isEmpty)
        }
    }
}
