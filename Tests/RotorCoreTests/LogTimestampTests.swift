import Foundation
import RotorCore
import Testing

@Suite struct LogTimestampTests {
    @Test func splitsIntoSecondsAndNanosecondsForInstantsBeforeAndAfterTheEpoch() {
        let after = LogTimestamp(nanosecondsSinceEpoch: 1_500_000_000)
        #expect(after.secondsSinceEpoch == 1 && after.nanosecondPart == 500_000_000)
        let before = LogTimestamp(nanosecondsSinceEpoch: -1_500_000_000)
        #expect(before.secondsSinceEpoch == -2 && before.nanosecondPart == 500_000_000)
    }

    @Test func convertsToAndFromDateWithMicrosecondPrecision() {
        let date = Date(timeIntervalSince1970: 1_763_735_422.123456)
        let timestamp = LogTimestamp(date)
        #expect(timestamp.nanosecondsSinceEpoch == 1_763_735_422_123_456_000)
        #expect(abs(timestamp.date.timeIntervalSince1970 - date.timeIntervalSince1970) < 1e-6)
    }

    @Test func systemClockAgreesWithFoundation() {
        let before = Date().timeIntervalSince1970
        let now = SystemClock().now().date.timeIntervalSince1970
        let after = Date().timeIntervalSince1970
        #expect(now >= before - 0.001 && now <= after + 0.001)
    }

    @Test func manualClockMovesOnlyWhenTold() {
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 10))
        #expect(clock.now() == LogTimestamp(secondsSinceEpoch: 10))
        clock.advance(by: .milliseconds(1_500))
        #expect(clock.now() == LogTimestamp(secondsSinceEpoch: 11, nanoseconds: 500_000_000))
        clock.advance(by: .seconds(-20))
        #expect(clock.now().secondsSinceEpoch == -9)
        clock.set(to: LogTimestamp(secondsSinceEpoch: 0))
        #expect(clock.now().nanosecondsSinceEpoch == 0)
    }
}
