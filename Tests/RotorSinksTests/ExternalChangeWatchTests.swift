import RotorCore
import Testing

@testable import RotorSinks

/// When the per-record test asks for an external-change check: after the record limit, once the
/// interval has passed, or when the clock went back; with intervals at the ends of the range.
@Suite struct ExternalChangeWatchTests {
    private let start = LogTimestamp(secondsSinceEpoch: 1_800_000_000)

    private func at(_ nanoseconds: Int64) -> LogTimestamp {
        LogTimestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + nanoseconds)
    }

    @Test func dueAfterTheIntervalTheRecordLimitOrAStepBack() {
        var watch = ExternalChangeWatch(confirmedSize: 0, now: start, interval: .seconds(1))
        #expect(!watch.isDue(adding: 1, now: at(999_999_999), recordLimit: 10))
        #expect(watch.isDue(adding: 1, now: at(1_000_000_000), recordLimit: 10))
        #expect(watch.isDue(adding: 1, now: at(-1), recordLimit: 10))
        watch.recordWritten(10)
        #expect(watch.isDue(adding: 1, now: at(1), recordLimit: 10))
        watch.checking(at: at(5_000_000_000))
        #expect(!watch.isDue(adding: 1, now: at(5_999_999_999), recordLimit: 10))
        #expect(watch.isDue(adding: 1, now: at(6_000_000_000), recordLimit: 10))
        #expect(watch.isDue(adding: 1, now: at(4_999_999_999), recordLimit: 10))
        watch.startNewFile(size: 0, at: at(10_000_000_000))
        #expect(!watch.isDue(adding: 1, now: at(10_500_000_000), recordLimit: 10))
        #expect(watch.isDue(adding: 1, now: at(11_000_000_000), recordLimit: 10))
    }

    @Test func aHugeIntervalNeverOverflowsIntoAnEarlierDeadline() {
        let watch = ExternalChangeWatch(confirmedSize: 0, now: start, interval: .seconds(Int64.max))
        #expect(!watch.isDue(adding: 1, now: LogTimestamp(nanosecondsSinceEpoch: .max - 1), recordLimit: 10))
        #expect(watch.isDue(adding: 11, now: start, recordLimit: 10))
    }

    @Test func aZeroIntervalChecksBeforeEveryWrite() {
        let watch = ExternalChangeWatch(confirmedSize: 0, now: start, interval: .zero)
        #expect(watch.isDue(adding: 1, now: start, recordLimit: 1_000))
    }
}
