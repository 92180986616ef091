import Foundation
import RotorCore
import RotorTestKit
import Testing

@testable import rotor_stress

@Suite struct RotatingStressTests {
    /// Records per thread of the big run: 100 000, or `ROTOR_STRESS_RECORDS` when set.
    static let bigRunRecords =
        ProcessInfo.processInfo.environment["ROTOR_STRESS_RECORDS"].flatMap { Int($0) } ?? 100_000

    @Test func eightThreadsWriteEveryRecordOnceAcrossSizeRotations() throws {
        try withTemporaryDirectory { dir in
            let scenario = StressScenario(threads: 8, records: Self.bigRunRecords, maxSize: 64 << 10)
            let result = try scenario.run(in: dir)
            try Self.expectComplete(result, scenario)
            print(
                "stress 8 x \(scenario.records) @ 64 KiB: write \(result.writeSeconds) s, "
                    + "verify \(result.verifySeconds) s, \(result.summary.statistics.rotations) rotations")
        }
    }

    /// The variant sized for `swift test --sanitize=thread --filter smallRunForThreadSanitizer`.
    @Test func smallRunForThreadSanitizer() throws {
        try withTemporaryDirectory { dir in
            let scenario = StressScenario(threads: 4, records: 5_000, maxSize: 4 << 10)
            try Self.expectComplete(try scenario.run(in: dir), scenario)
        }
    }

    @Test func oversizeRecordsEachGetAFileOfTheirOwn() throws {
        try withTemporaryDirectory { dir in
            let scenario = StressScenario(threads: 2, records: 200, maxSize: 4 << 10, pad: 5_000)
            let result = try scenario.run(in: dir)
            try Self.expectComplete(result, scenario)
            #expect(result.summary.statistics.oversizeRecords == 400)
            #expect(result.report.files.count == 400)
        }
    }

    static func expectComplete(_ result: StressScenario.Result, _ scenario: StressScenario) throws {
        let statistics = result.summary.statistics
        let produced = scenario.threads * scenario.records
        #expect(result.report.isClean, "\(result.report)")
        #expect(result.report.recordCount == produced)
        #expect(statistics.recordsWritten == produced)
        #expect(statistics.totalRecordsDropped == 0)
        #expect(statistics.totalFailures == 0, "\(statistics.failures)")
        #expect(statistics.rotationsDeferred == 0)
        #expect(statistics.rotations > 0)
        // No retention: every rotation left exactly one archive next to the active file.
        #expect(statistics.rotations == result.report.files.count - 1)
    }
}
