import RotorCore
import RotorRetention
import Testing

@Suite struct RetentionValidationTests {
    @Test(arguments: [-1, Int.min])
    func negativeCountIsRejected(_ count: Int) {
        let error = #expect(throws: RetentionError.self) { try KeepCountRetention(count) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.field == "count")
        #expect(error?.description.hasPrefix("retention error invalidConfiguration") == true)
    }

    @Test func oneAndLargeCountsAreAccepted() throws {
        #expect(try KeepCountRetention(1).count == 1)
        #expect(try KeepCountRetention(.max).count == .max)
    }

    /// 0 means "keep all" in lumberjack, spdlog and the seed designs: a ported configuration must
    /// not delete every archive silently.
    @Test func zeroIsRefusedWithAPointerToNoRetention() throws {
        do {
            _ = try KeepCountRetention(0)
            Issue.record("KeepCountRetention(0) was accepted")
        } catch let error as RetentionError {
            #expect(error.code == .invalidConfiguration)
            #expect(error.field == "count")
            #expect("\(error)".contains("NoRetention"))
        }
        // `rotor prune --keep 0` asks for it explicitly, through RetentionRules.
        #expect(try RetentionRules(keep: 0).keep == 0)
    }

    @Test(arguments: [Int64(0), -1, .min])
    func nonPositiveTotalBytesIsRejected(_ bytes: Int64) {
        let error = #expect(throws: RetentionError.self) { try MaxTotalBytesRetention(bytes) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.field == "maxTotalBytes")
    }

    @Test func oneByteIsTheSmallestCap() throws {
        #expect(try MaxTotalBytesRetention(1).maxTotalBytes == 1)
    }

    @Test(arguments: [
        Duration.zero, .seconds(-1), .nanoseconds(-1), .seconds(Int64.max), .seconds(9_223_372_037),
        Duration(secondsComponent: 0, attosecondsComponent: 500_000_000),  // half a nanosecond
    ])
    func ageOutOfRangeIsRejected(_ age: Duration) {
        let error = #expect(throws: RetentionError.self) { try MaxAgeRetention(age) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.field == "maxAge")
    }

    @Test func ageBoundsAreAccepted() throws {
        #expect(try MaxAgeRetention(.nanoseconds(1)).maxAge == .nanoseconds(1))
        #expect(try MaxAgeRetention(.nanoseconds(Int64.max)).maxAge == .nanoseconds(Int64.max))
    }

    struct RulesRow: Sendable, CustomTestStringConvertible {
        var keep: Int?, maxTotalBytes: Int64?, maxAge: Duration?, field: String?
        var testDescription: String {
            "keep \(String(describing: keep)) bytes \(String(describing: maxTotalBytes)) age \(String(describing: maxAge))"
        }
    }

    @Test(arguments: [
        RulesRow(keep: nil, maxTotalBytes: nil, maxAge: nil, field: nil),
        RulesRow(keep: -1, maxTotalBytes: nil, maxAge: nil, field: "keep"),
        RulesRow(keep: 1, maxTotalBytes: 0, maxAge: nil, field: "maxTotalBytes"),
        RulesRow(keep: nil, maxTotalBytes: nil, maxAge: .zero, field: "maxAge"),
        RulesRow(keep: -1, maxTotalBytes: 0, maxAge: .zero, field: "keep"),  // checked in order
        RulesRow(keep: nil, maxTotalBytes: -5, maxAge: .seconds(-1), field: "maxTotalBytes"),
    ])
    func invalidRulesNameTheField(_ row: RulesRow) {
        let error = #expect(throws: RetentionError.self) {
            try RetentionRules(keep: row.keep, maxTotalBytes: row.maxTotalBytes, maxAge: row.maxAge)
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.field == row.field)
    }

    @Test func emptyPolicyListsAreRejected() {
        let anyError = #expect(throws: RetentionError.self) { try AnyOfRetention([]) }
        #expect(anyError?.code == .invalidConfiguration)
        #expect(anyError?.field == "policies")
        let allError = #expect(throws: RetentionError.self) { try AllOfRetention([]) }
        #expect(allError?.code == .invalidConfiguration)
        #expect(allError?.field == "policies")
    }

    @Test func singleRulesAreAccepted() throws {
        #expect(try RetentionRules(keep: 0).keep == 0)
        #expect(try RetentionRules(maxTotalBytes: 1).maxTotalBytes == 1)
        #expect(try RetentionRules(maxAge: .seconds(1)).maxAge == .seconds(1))
    }
}
