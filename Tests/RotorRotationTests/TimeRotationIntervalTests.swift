import RotorCore
import RotorRotation
import RotorTestKit
import Testing

@Suite struct TimeRotationIntervalTests {
    @Test func intervalsAreAlignedToMultiplesSinceTheEpoch() throws {
        let quarter = try TimeRotation.every(.seconds(15 * 60))
        #expect(
            quarter.deadline(forPeriodStartingAt: instant("2026-11-21T14:31:07Z", nanoseconds: 500_000_000))
                == instant("2026-11-21T14:45:00Z"))
        #expect(
            quarter.deadline(forPeriodStartingAt: instant("2026-11-21T14:45:00Z")) == instant("2026-11-21T15:00:00Z"))
        #expect(
            quarter.deadline(forPeriodStartingAt: instant("2026-11-21T14:44:59Z", nanoseconds: 999_999_999))
                == instant("2026-11-21T14:45:00Z"))

        let seven = try TimeRotation.every(.seconds(7))
        #expect(
            seven.deadline(forPeriodStartingAt: LogTimestamp(secondsSinceEpoch: 1_000))
                == LogTimestamp(secondsSinceEpoch: 1_001))
        #expect(
            seven.deadline(forPeriodStartingAt: LogTimestamp(secondsSinceEpoch: 1_001))
                == LogTimestamp(secondsSinceEpoch: 1_008))
        #expect(
            seven.deadline(forPeriodStartingAt: LogTimestamp(nanosecondsSinceEpoch: -1))
                == LogTimestamp(secondsSinceEpoch: 0))
        #expect(
            seven.deadline(forPeriodStartingAt: LogTimestamp(secondsSinceEpoch: -7))
                == LogTimestamp(secondsSinceEpoch: 0))

        let day = try TimeRotation.every(.seconds(86_400))
        #expect(day.deadline(forPeriodStartingAt: instant("2026-11-21T14:31:07Z")) == instant("2026-11-22T00:00:00Z"))

        let fractional = try TimeRotation.every(.milliseconds(1_500))
        #expect(
            fractional.deadline(forPeriodStartingAt: LogTimestamp(secondsSinceEpoch: 2))
                == LogTimestamp(secondsSinceEpoch: 3))
        #expect(
            fractional.deadline(forPeriodStartingAt: LogTimestamp(secondsSinceEpoch: 3))
                == LogTimestamp(nanosecondsSinceEpoch: 4_500_000_000))
    }

    @Test func restartMidPeriodKeepsTheSameBoundary() throws {
        let strategy = try TimeRotation.every(.seconds(3600))
        let boundary = instant("2026-11-21T15:00:00Z")
        var generator = SplitMix64(seed: 3)
        for _ in 0..<1000 {
            let start = LogTimestamp(
                nanosecondsSinceEpoch: boundary.nanosecondsSinceEpoch
                    - Int64.random(in: 1...3_600_000_000_000, using: &generator))
            #expect(strategy.deadline(forPeriodStartingAt: start) == boundary)
        }
    }

    @Test func aLateFirstWriteDoesNotShiftLaterBoundaries() throws {
        // The sink rotates at the first write after the deadline; boundaries stay on the grid.
        var sink = SinkSimulator(
            strategy: try TimeRotation.every(.seconds(60)), openedAt: LogTimestamp(secondsSinceEpoch: 0))
        for second in [10, 75, 200, 201, 250, 299, 300] {
            sink.write(at: LogTimestamp(secondsSinceEpoch: Int64(second)))
        }
        #expect(sink.rotationTimes == [75, 200, 250, 300].map { LogTimestamp(secondsSinceEpoch: $0) })
        #expect(sink.state.deadline == LogTimestamp(secondsSinceEpoch: 360))
    }

    @Test func nearTheEndOfTimeReturnsNil() throws {
        let strategy = try TimeRotation.every(.seconds(86_400 * 365))
        #expect(strategy.deadline(forPeriodStartingAt: LogTimestamp(nanosecondsSinceEpoch: Int64.max - 1)) == nil)
    }

    @Test func schedulesCompareByValue() throws {
        #expect(try TimeRotation.every(.seconds(60)) == TimeRotation.every(.milliseconds(60_000)))
        #expect(try TimeRotation.every(.seconds(60)) != TimeRotation.every(.seconds(61)))
        #expect(TimeRotation.daily(in: zone("Europe/Berlin")) != TimeRotation.daily(in: zone("America/New_York")))
        #expect(TimeRotation.daily(in: zone("Europe/Berlin")) == TimeRotation.daily(in: zone("Europe/Berlin")))
        #expect(TimeRotation.hourly().isEqual(to: TimeRotation.hourly()))
        #expect(!TimeRotation.hourly().isEqual(to: TimeRotation.daily()))
    }
}
