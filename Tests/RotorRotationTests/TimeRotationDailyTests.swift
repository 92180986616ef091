import Foundation
import RotorCore
import RotorRotation
import Testing

@Suite struct TimeRotationDailyTests {
    /// One row of the DST table: a daily schedule, a period start and the expected deadline, both
    /// written with the local UTC offset so that the row reads as wall-clock time.
    struct Row: Sendable, CustomTestStringConvertible {
        var zone: String
        var hour: Int
        var minute: Int = 0
        var start: String
        var expected: String
        var testDescription: String { "\(zone) daily \(hour):\(minute) from \(start) -> \(expected)" }
    }

    static let rows: [Row] = [
        // UTC
        Row(zone: "UTC", hour: 0, start: "2026-11-21T14:30:22Z", expected: "2026-11-22T00:00:00Z"),
        Row(zone: "UTC", hour: 0, start: "2026-11-22T00:00:00Z", expected: "2026-11-23T00:00:00Z"),
        Row(zone: "UTC", hour: 0, start: "2028-02-28T12:00:00Z", expected: "2028-02-29T00:00:00Z"),
        Row(zone: "UTC", hour: 0, start: "2026-12-31T23:59:59Z", expected: "2027-01-01T00:00:00Z"),
        Row(zone: "UTC", hour: 12, start: "2026-11-21T11:59:59Z", expected: "2026-11-21T12:00:00Z"),
        // Europe/Berlin, spring forward 2026-03-29 02:00 CET -> 03:00 CEST
        Row(zone: "Europe/Berlin", hour: 0, start: "2026-03-28T23:59:59+01:00", expected: "2026-03-29T00:00:00+01:00"),
        Row(zone: "Europe/Berlin", hour: 0, start: "2026-03-29T00:00:00+01:00", expected: "2026-03-30T00:00:00+02:00"),
        Row(
            zone: "Europe/Berlin", hour: 1, minute: 30, start: "2026-03-29T00:00:00+01:00",
            expected: "2026-03-29T01:30:00+01:00"),
        Row(zone: "Europe/Berlin", hour: 2, start: "2026-03-29T00:00:00+01:00", expected: "2026-03-29T03:00:00+02:00"),
        Row(
            zone: "Europe/Berlin", hour: 2, minute: 30, start: "2026-03-29T00:00:00+01:00",
            expected: "2026-03-29T03:30:00+02:00"),
        Row(
            zone: "Europe/Berlin", hour: 2, minute: 30, start: "2026-03-29T03:30:00+02:00",
            expected: "2026-03-30T02:30:00+02:00"),
        Row(zone: "Europe/Berlin", hour: 12, start: "2026-03-29T00:00:00+01:00", expected: "2026-03-29T12:00:00+02:00"),
        // Europe/Berlin, fall back 2026-10-25 03:00 CEST -> 02:00 CET (02:00-02:59 twice)
        Row(zone: "Europe/Berlin", hour: 0, start: "2026-10-25T00:00:00+02:00", expected: "2026-10-26T00:00:00+01:00"),
        Row(
            zone: "Europe/Berlin", hour: 2, minute: 30, start: "2026-10-25T00:00:00+02:00",
            expected: "2026-10-25T02:30:00+02:00"),
        Row(
            zone: "Europe/Berlin", hour: 2, minute: 30, start: "2026-10-25T02:45:00+02:00",
            expected: "2026-10-26T02:30:00+01:00"),
        Row(
            zone: "Europe/Berlin", hour: 2, minute: 30, start: "2026-10-25T02:10:00+01:00",
            expected: "2026-10-26T02:30:00+01:00"),
        Row(zone: "Europe/Berlin", hour: 12, start: "2026-10-25T00:00:00+02:00", expected: "2026-10-25T12:00:00+01:00"),
        // America/New_York 2012 (CPython's test_compute_rollover_*_local dates)
        Row(
            zone: "America/New_York", hour: 0, start: "2012-03-10T12:00:00-05:00", expected: "2012-03-11T00:00:00-05:00"
        ),
        Row(
            zone: "America/New_York", hour: 0, start: "2012-03-11T00:00:00-05:00", expected: "2012-03-12T00:00:00-04:00"
        ),
        Row(
            zone: "America/New_York", hour: 2, start: "2012-03-11T00:00:00-05:00", expected: "2012-03-11T03:00:00-04:00"
        ),
        Row(
            zone: "America/New_York", hour: 2, minute: 30, start: "2012-03-11T00:00:00-05:00",
            expected: "2012-03-11T03:30:00-04:00"),
        Row(
            zone: "America/New_York", hour: 12, start: "2012-03-11T00:00:00-05:00",
            expected: "2012-03-11T12:00:00-04:00"),
        Row(
            zone: "America/New_York", hour: 0, start: "2012-11-04T00:00:00-04:00", expected: "2012-11-05T00:00:00-05:00"
        ),
        Row(
            zone: "America/New_York", hour: 1, minute: 30, start: "2012-11-04T00:00:00-04:00",
            expected: "2012-11-04T01:30:00-04:00"),
        Row(
            zone: "America/New_York", hour: 1, minute: 30, start: "2012-11-04T01:30:00-04:00",
            expected: "2012-11-05T01:30:00-05:00"),
        Row(
            zone: "America/New_York", hour: 1, minute: 30, start: "2012-11-04T01:45:00-04:00",
            expected: "2012-11-05T01:30:00-05:00"),
        Row(
            zone: "America/New_York", hour: 1, minute: 30, start: "2012-11-04T01:10:00-05:00",
            expected: "2012-11-05T01:30:00-05:00"),
        Row(
            zone: "America/New_York", hour: 2, start: "2012-11-04T00:00:00-04:00", expected: "2012-11-04T02:00:00-05:00"
        ),
        Row(
            zone: "America/New_York", hour: 12, start: "2012-11-04T00:00:00-04:00",
            expected: "2012-11-04T12:00:00-05:00"),
        // America/New_York 2026
        Row(
            zone: "America/New_York", hour: 0, start: "2026-03-08T00:00:00-05:00", expected: "2026-03-09T00:00:00-04:00"
        ),
        Row(
            zone: "America/New_York", hour: 2, minute: 30, start: "2026-03-08T00:00:00-05:00",
            expected: "2026-03-08T03:30:00-04:00"),
        Row(
            zone: "America/New_York", hour: 0, start: "2026-11-01T00:00:00-04:00", expected: "2026-11-02T00:00:00-05:00"
        ),
        Row(
            zone: "America/New_York", hour: 1, minute: 30, start: "2026-11-01T00:00:00-04:00",
            expected: "2026-11-01T01:30:00-04:00"),
        Row(
            zone: "America/New_York", hour: 1, minute: 30, start: "2026-11-01T01:59:59-04:00",
            expected: "2026-11-02T01:30:00-05:00"),
        // Australia/Lord_Howe: 30-minute shifts (02:00 -> 02:30 on 2026-10-04; 02:00 -> 01:30 on 2026-04-05)
        Row(
            zone: "Australia/Lord_Howe", hour: 2, start: "2026-10-04T00:00:00+10:30",
            expected: "2026-10-04T02:30:00+11:00"),
        Row(
            zone: "Australia/Lord_Howe", hour: 2, minute: 15, start: "2026-10-04T00:00:00+10:30",
            expected: "2026-10-04T02:45:00+11:00"),
        Row(
            zone: "Australia/Lord_Howe", hour: 1, minute: 45, start: "2026-04-05T00:00:00+11:00",
            expected: "2026-04-05T01:45:00+11:00"),
        Row(
            zone: "Australia/Lord_Howe", hour: 1, minute: 45, start: "2026-04-05T01:50:00+11:00",
            expected: "2026-04-06T01:45:00+10:30"),
        // Asia/Kathmandu, +05:45
        Row(zone: "Asia/Kathmandu", hour: 0, start: "2026-01-01T00:00:00Z", expected: "2026-01-02T00:00:00+05:45"),
    ]

    @Test(arguments: rows)
    func deadlineMatchesTheDSTTable(_ row: Row) throws {
        let strategy = TimeRotation.daily(at: try TimeOfDay(hour: row.hour, minute: row.minute), in: zone(row.zone))
        #expect(strategy.deadline(forPeriodStartingAt: instant(row.start)) == instant(row.expected))
    }

    @Test func defaultIsMidnightUTC() {
        let strategy = TimeRotation.daily()
        #expect(strategy.schedule == .daily(at: .midnight, in: .gmt))
        let start = instant("2026-11-21T23:59:59Z", nanoseconds: 999_999_999)
        #expect(strategy.deadline(forPeriodStartingAt: start) == instant("2026-11-22T00:00:00Z"))
        #expect(strategy.maximumFileBytes == nil)
        #expect(!strategy.rotatesOnOpen)
    }

    @Test func consecutiveDeadlinesAcrossBothBerlinTransitionsAreOneLocalDayApart() throws {
        let strategy = TimeRotation.daily(in: zone("Europe/Berlin"))
        var deadline = instant("2026-03-27T00:00:00+01:00")
        var lengths: [Int64] = []
        for _ in 0..<5 {
            let next = try #require(strategy.deadline(forPeriodStartingAt: deadline))
            lengths.append(next.secondsSinceEpoch - deadline.secondsSinceEpoch)
            deadline = next
        }
        #expect(lengths == [86_400, 86_400, 82_800, 86_400, 86_400])  // 2026-03-29 lasts 23 h
        deadline = instant("2026-10-24T00:00:00+02:00")
        lengths = []
        for _ in 0..<3 {
            let next = try #require(strategy.deadline(forPeriodStartingAt: deadline))
            lengths.append(next.secondsSinceEpoch - deadline.secondsSinceEpoch)
            deadline = next
        }
        #expect(lengths == [86_400, 90_000, 86_400])  // 2026-10-25 lasts 25 h
    }

    @Test func ambiguousTimeFiresOnceOnTheFallBackDay() throws {
        let strategy = TimeRotation.daily(at: try TimeOfDay(hour: 1, minute: 30), in: zone("America/New_York"))
        var fires: [LogTimestamp] = []
        var cursor = instant("2012-11-03T12:00:00-04:00")
        while let next = strategy.deadline(forPeriodStartingAt: cursor), next < instant("2012-11-06T00:00:00-05:00") {
            fires.append(next)
            cursor = next
        }
        #expect(fires == [instant("2012-11-04T01:30:00-04:00"), instant("2012-11-05T01:30:00-05:00")])
    }
}
