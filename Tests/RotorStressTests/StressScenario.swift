import Foundation
import RotorCore

@testable import rotor_stress

/// One in-process stress run through ``StressRun`` (the code `rotor-stress` runs), followed by the
/// verifier over the directory it wrote.
struct StressScenario {
    var threads: Int
    var records: Int
    var maxSize: Int64
    var pad = 0

    struct Result {
        var summary: StressSummary
        var report: VerificationReport
        var writeSeconds: Double
        var verifySeconds: Double
    }

    var expectedStreams: [StreamKey: Int] {
        Dictionary(uniqueKeysWithValues: (0..<threads).map { (StreamKey(run: 0, thread: $0), records) })
    }

    func run(in directory: String) throws -> Result {
        var options = StressOptions(path: directory + "/app.log")
        options.threads = threads
        options.records = records
        options.maxSize = maxSize
        options.pad = pad
        let summary = try StressRun(options: options).run()
        let started = ContinuousClock.now
        let report = try LogVerifier(
            directory: directory, maxFileBytes: maxSize, expectedStreams: expectedStreams, expectedPad: pad
        ).verify()
        let verifyTime = ContinuousClock.now - started
        return Result(
            summary: summary, report: report, writeSeconds: summary.seconds,
            verifySeconds: Double(verifyTime.components.seconds) + Double(verifyTime.components.attoseconds) / 1e18)
    }
}
