import RotorCore
import RotorRotation
import Testing

/// A strategy that is not `Equatable`, to check that `isEqual(to:)` is still asked.
struct AlwaysRotation: RotationStrategy {
    func shouldRotate(_ file: ActiveFileState, incomingBytes: Int, now: LogTimestamp) -> Bool { true }
    func isEqual(to other: any RotationStrategy) -> Bool { other is AlwaysRotation }
}

@Suite struct AnyOfRotationTests {
    @Test func rotatesWhenAnyChildWould() throws {
        let hybrid = try AnyOfRotation([SizeRotation(maxBytes: 100), TimeRotation.every(.seconds(60))])
        let start = LogTimestamp(secondsSinceEpoch: 0)
        let state = ActiveFileState(
            bytes: 50, periodStart: start, deadline: hybrid.deadline(forPeriodStartingAt: start))
        #expect(state.deadline == LogTimestamp(secondsSinceEpoch: 60))
        #expect(!hybrid.shouldRotate(state, incomingBytes: 50, now: LogTimestamp(secondsSinceEpoch: 59)))
        #expect(hybrid.shouldRotate(state, incomingBytes: 51, now: LogTimestamp(secondsSinceEpoch: 59)))  // size
        #expect(hybrid.shouldRotate(state, incomingBytes: 1, now: LogTimestamp(secondsSinceEpoch: 60)))  // time
    }

    @Test func combinesDeadlinesLimitsAndOpenBehaviour() throws {
        let start = instant("2026-11-21T14:31:00Z")
        let hybrid = try AnyOfRotation([
            TimeRotation.daily(), SizeRotation(maxBytes: 500), TimeRotation.every(.seconds(600)),
            SizeRotation(maxBytes: 200), OnStartupRotation(),
        ])
        #expect(hybrid.deadline(forPeriodStartingAt: start) == instant("2026-11-21T14:40:00Z"))
        #expect(hybrid.maximumFileBytes == 200)
        #expect(hybrid.rotatesOnOpen)

        let sizeOnly = AnyOfRotation(try SizeRotation(maxBytes: 10), NeverRotation())
        #expect(sizeOnly.deadline(forPeriodStartingAt: start) == nil)
        #expect(sizeOnly.maximumFileBytes == 10)
        #expect(!sizeOnly.rotatesOnOpen)
        #expect(AnyOfRotation(NeverRotation()).maximumFileBytes == nil)
    }

    @Test func equalityIsElementWise() throws {
        let a = try AnyOfRotation([SizeRotation(maxBytes: 100), TimeRotation.daily()])
        let same = try AnyOfRotation([SizeRotation(maxBytes: 100), TimeRotation.daily()])
        #expect(a == same)
        #expect(a.hashValue == same.hashValue)
        #expect(a.isEqual(to: same))
        #expect(a != (try AnyOfRotation([TimeRotation.daily(), SizeRotation(maxBytes: 100)])))  // order matters
        #expect(a != (try AnyOfRotation([SizeRotation(maxBytes: 101), TimeRotation.daily()])))
        #expect(a != (try AnyOfRotation([SizeRotation(maxBytes: 100)])))
        #expect(!a.isEqual(to: try SizeRotation(maxBytes: 100)))
        #expect(AnyOfRotation(AlwaysRotation()) == AnyOfRotation(AlwaysRotation()))
        #expect(AnyOfRotation(AlwaysRotation()) != AnyOfRotation(NeverRotation()))
        let nested = AnyOfRotation(a, OnStartupRotation())
        #expect(nested == AnyOfRotation(same, OnStartupRotation()))
        #expect(Set([a, same, nested]).count == 2)
    }

    @Test func neverAndOnStartupDoNotRotateWhileWriting() {
        let full = ActiveFileState(bytes: .max / 2, records: 1_000_000, periodStart: LogTimestamp(secondsSinceEpoch: 0))
        let later = LogTimestamp(secondsSinceEpoch: 100 * 365 * 86_400)
        #expect(!NeverRotation().shouldRotate(full, incomingBytes: .max / 4, now: later))
        #expect(!NeverRotation().rotatesOnOpen)
        #expect(NeverRotation().deadline(forPeriodStartingAt: later) == nil)
        #expect(NeverRotation().maximumFileBytes == nil)
        #expect(!OnStartupRotation().shouldRotate(full, incomingBytes: .max / 4, now: later))
        #expect(OnStartupRotation().rotatesOnOpen)
        #expect(OnStartupRotation().deadline(forPeriodStartingAt: later) == nil)
        #expect(NeverRotation().isEqual(to: NeverRotation()))
        #expect(!NeverRotation().isEqual(to: OnStartupRotation()))
    }

    @Test func activeFileStateDefaults() {
        let start = LogTimestamp(secondsSinceEpoch: 5)
        let state = ActiveFileState(periodStart: start)
        #expect(state.bytes == 0)
        #expect(state.records == 0)
        #expect(state.periodStart == start)
        #expect(state.firstRecordAt == nil)
        #expect(state.deadline == nil)
    }
}
