import Foundation
import RotorCore
import RotorRotation
import Testing

@Suite struct TimeRotationHourlyTests {
    struct Day: Sendable, CustomTestStringConvertible {
        var zone: String
        var midnight: String
        var nextMidnight: String
        var periods: Int
        var testDescription: String { "\(zone) \(midnight.prefix(10)): \(periods) periods" }
    }

    /// The hourly periods of one local day, by iterating `deadline(forPeriodStartingAt:)` from
    /// local midnight to the next local midnight.
    static func periods(of strategy: TimeRotation, from start: LogTimestamp, to end: LogTimestamp) -> [LogTimestamp] {
        var boundaries: [LogTimestamp] = []
        var cursor = start
        while let next = strategy.deadline(forPeriodStartingAt: cursor), next <= end, boundaries.count < 100 {
            boundaries.append(next)
            cursor = next
        }
        return boundaries
    }

    @Test(arguments: [
        Day(zone: "UTC", midnight: "2026-03-29T00:00:00Z", nextMidnight: "2026-03-30T00:00:00Z", periods: 24),
        Day(
            zone: "Europe/Berlin", midnight: "2026-03-28T00:00:00+01:00", nextMidnight: "2026-03-29T00:00:00+01:00",
            periods: 24),
        Day(
            zone: "Europe/Berlin", midnight: "2026-03-29T00:00:00+01:00", nextMidnight: "2026-03-30T00:00:00+02:00",
            periods: 23),
        Day(
            zone: "Europe/Berlin", midnight: "2026-10-25T00:00:00+02:00", nextMidnight: "2026-10-26T00:00:00+01:00",
            periods: 25),
        Day(
            zone: "Europe/Berlin", midnight: "2026-10-26T00:00:00+01:00", nextMidnight: "2026-10-27T00:00:00+01:00",
            periods: 24),
        Day(
            zone: "America/New_York", midnight: "2026-03-08T00:00:00-05:00", nextMidnight: "2026-03-09T00:00:00-04:00",
            periods: 23),
        Day(
            zone: "America/New_York", midnight: "2026-11-01T00:00:00-04:00", nextMidnight: "2026-11-02T00:00:00-05:00",
            periods: 25),
        Day(
            zone: "America/New_York", midnight: "2012-03-11T00:00:00-05:00", nextMidnight: "2012-03-12T00:00:00-04:00",
            periods: 23),
        Day(
            zone: "America/New_York", midnight: "2012-11-04T00:00:00-04:00", nextMidnight: "2012-11-05T00:00:00-05:00",
            periods: 25),
        Day(
            zone: "America/New_York", midnight: "2012-07-04T00:00:00-04:00", nextMidnight: "2012-07-05T00:00:00-04:00",
            periods: 24),
        Day(
            zone: "Australia/Lord_Howe", midnight: "2026-10-04T00:00:00+10:30",
            nextMidnight: "2026-10-05T00:00:00+11:00", periods: 24),
        Day(
            zone: "Australia/Lord_Howe", midnight: "2026-04-05T00:00:00+11:00",
            nextMidnight: "2026-04-06T00:00:00+10:30", periods: 24),
        Day(
            zone: "Asia/Kathmandu", midnight: "2026-06-01T00:00:00+05:45", nextMidnight: "2026-06-02T00:00:00+05:45",
            periods: 24),
    ])
    func countsTheHourlyPeriodsOfALocalDay(_ day: Day) {
        let strategy = TimeRotation.hourly(in: zone(day.zone))
        let boundaries = Self.periods(of: strategy, from: instant(day.midnight), to: instant(day.nextMidnight))
        #expect(boundaries.count == day.periods)
        #expect(boundaries.last == instant(day.nextMidnight))
    }

    @Test func repeatedBerlinHourStartsTwice() {
        let strategy = TimeRotation.hourly(in: zone("Europe/Berlin"))
        let boundaries = Self.periods(
            of: strategy, from: instant("2026-10-25T00:00:00+02:00"), to: instant("2026-10-25T04:00:00+01:00")
        )
        #expect(
            boundaries == [
                instant("2026-10-25T01:00:00+02:00"), instant("2026-10-25T02:00:00+02:00"),
                instant("2026-10-25T02:00:00+01:00"), instant("2026-10-25T03:00:00+01:00"),
                instant("2026-10-25T04:00:00+01:00"),
            ])
    }

    @Test func springForwardSkipsTheMissingHour() {
        let strategy = TimeRotation.hourly(in: zone("America/New_York"))
        let boundaries = Self.periods(
            of: strategy, from: instant("2012-03-11T00:30:00-05:00"), to: instant("2012-03-11T04:00:00-04:00")
        )
        #expect(
            boundaries == [
                instant("2012-03-11T01:00:00-05:00"), instant("2012-03-11T03:00:00-04:00"),
                instant("2012-03-11T04:00:00-04:00"),
            ])
    }

    @Test func halfHourShiftEndsThePeriodWhenTheGapEnds() {
        // Lord Howe: 02:00 +10:30 jumps to 02:30 +11:00; the wall clock never reads 02:00.
        let strategy = TimeRotation.hourly(in: zone("Australia/Lord_Howe"))
        let boundaries = Self.periods(
            of: strategy, from: instant("2026-10-04T00:30:00+10:30"), to: instant("2026-10-04T04:00:00+11:00")
        )
        #expect(
            boundaries == [
                instant("2026-10-04T01:00:00+10:30"), instant("2026-10-04T02:30:00+11:00"),
                instant("2026-10-04T03:00:00+11:00"), instant("2026-10-04T04:00:00+11:00"),
            ])
    }

    @Test func kathmanduHoursStartAtQuarterPastUTC() {
        let strategy = TimeRotation.hourly(in: zone("Asia/Kathmandu"))
        #expect(
            strategy.deadline(forPeriodStartingAt: instant("2026-06-01T10:00:00Z")) == instant("2026-06-01T10:15:00Z"))
        #expect(
            strategy.deadline(forPeriodStartingAt: instant("2026-06-01T10:15:00Z")) == instant("2026-06-01T11:15:00Z"))
    }

    @Test func defaultZoneIsUTC() {
        let strategy = TimeRotation.hourly()
        #expect(strategy.schedule == .hourly(in: .gmt))
        #expect(
            strategy.deadline(forPeriodStartingAt: instant("2026-06-01T10:59:59Z", nanoseconds: 999_999_999))
                == instant("2026-06-01T11:00:00Z"))
    }
}
