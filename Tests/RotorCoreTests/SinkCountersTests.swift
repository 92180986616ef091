import Dispatch
import RotorCore
import Testing

@Suite struct SinkCountersTests {
    @Test func countsFromManyThreadsWithoutLosingUpdates() {
        let counters = SinkCounters()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 {
                counters.recordWritten(bytes: 3)
                counters.recordDropped(.writeFailure, bytes: 2)
            }
        }
        let snapshot = counters.snapshot()
        #expect(snapshot.recordsWritten == 80_000 && snapshot.bytesWritten == 240_000)
        #expect(snapshot.recordsDropped == [.writeFailure: 80_000])
        #expect(snapshot.bytesDropped == [.writeFailure: 160_000])
        #expect(snapshot.totalRecordsDropped == 80_000)
    }

    @Test func keepsTheLongestRotationPause() {
        let counters = SinkCounters()
        for pause in [5, 50, 7] { counters.recordRotationPause(nanoseconds: pause) }
        #expect(counters.snapshot().rotationPauseMaxNanoseconds == 50)
        #expect(counters.snapshot().rotationPauseTotalNanoseconds == 62)
    }

    @Test func errorsDescribeCodeFieldPathAndCause() {
        let error = CoreError(
            .invalidConfiguration, "must be positive", field: "maxBytes", path: "/x",
            cause: SystemCallError.noSpace)
        #expect(error.code == .invalidConfiguration)
        #expect(error.description.contains("core error invalidConfiguration: must be positive"))
        #expect(error.description.contains("[field: maxBytes]") && error.description.contains("[path: /x]"))
        #expect(error.description.contains("errno \(SystemCallError.noSpace.rawValue)"))
    }
}
