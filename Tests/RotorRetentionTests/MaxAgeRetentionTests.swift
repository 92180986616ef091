import Foundation
import RotorCore
import RotorRetention
import RotorRotation
import Testing

@Suite struct MaxAgeRetentionTests {
    @Test func deletesStrictlyOlderThanNowMinusAge() throws {
        let now = referenceNow
        let all = [
            generation(at: now.advanced(by: .seconds(-7200)), bytes: 1),
            generation(at: now.advanced(by: .milliseconds(-3_600_001)), bytes: 1),
            generation(at: now.advanced(by: .seconds(-3600)), bytes: 1),  // exactly maxAge old: kept
            generation(at: now.advanced(by: .seconds(-1800)), bytes: 1),
            generation(at: now, bytes: 1),
        ]
        #expect(keptIndices(try MaxAgeRetention(.seconds(3600)), all, now: now) == [2, 3, 4])
        #expect(keptIndices(try MaxAgeRetention(.seconds(1)), all, now: now) == [4])
    }

    /// R5.4: after the clock stepped back, archives "from the future" are never deleted for age.
    @Test func archivesFromTheFutureAreKept() throws {
        let now = referenceNow
        let all = [
            generation(at: now.advanced(by: .seconds(-2 * 3600)), bytes: 1),
            generation(at: now.advanced(by: .seconds(3600)), bytes: 1),
            generation(at: now.advanced(by: .seconds(86_400)), bytes: 1),
        ]
        #expect(keptIndices(try MaxAgeRetention(.seconds(3600)), all, now: now) == [1, 2])
        #expect(keptIndices(try MaxAgeRetention(.nanoseconds(1)), all, now: now) == [1, 2])
        // Once the clock catches up and the age has passed, they expire.
        #expect(
            keptIndices(try MaxAgeRetention(.seconds(3600)), all, now: now.advanced(by: .seconds(86_400 + 3601)))
                .isEmpty)
    }

    @Test func extremeInstantsDoNotOverflow() throws {
        let farFuture = ArchiveGeneration(
            id: ArchiveID(millisecondsSinceEpoch: Int64.max / 1_000_000, sequence: 1), files: [], bytes: 1)
        let farPast = ArchiveGeneration(
            id: ArchiveID(millisecondsSinceEpoch: Int64.min / 1_000_000, sequence: 1), files: [], bytes: 1)
        let policy = try MaxAgeRetention(.nanoseconds(Int64.max))
        #expect(policy.expired([farPast, farFuture], now: LogTimestamp(nanosecondsSinceEpoch: .min)).isEmpty)
        #expect(policy.expired([farPast, farFuture], now: LogTimestamp(nanosecondsSinceEpoch: .max)) == [farPast.id])
    }

    /// Archives named for years a timestamp cannot hold (0000 and 9999, planted or copied from a
    /// machine with a wild clock): the oldest is expired, the newest kept as from the future, and
    /// neither traps (their `rotatedAt` used to overflow).
    @Test func archivesNamedForTheFirstAndLastNameableYearsDoNotTrap() throws {
        let first = ArchiveGeneration(id: parsed("app.0000-01-01T00-00-00.000Z.001.log").id, files: [], bytes: 1)
        let last = ArchiveGeneration(id: parsed("app.9999-12-31T23-59-59.999Z.999.log").id, files: [], bytes: 1)
        let policy = try MaxAgeRetention(.seconds(86_400))
        #expect(policy.expired([first, last], now: instant("2026-12-06T12:00:00Z")) == [first.id])
    }

    struct DSTRow: Sendable, CustomTestStringConvertible {
        var zone: String, now: String, rotatedAt: String
        var maxAgeHours: Int64
        /// Whether the archive is older than the same wall-clock time `maxAgeHours / 24` calendar
        /// days before `now` (what a calendar-day rule would delete).
        var calendarRuleDeletes: Bool
        var deleted: Bool
        var testDescription: String { "\(zone) now \(now) archive \(rotatedAt) maxAge \(maxAgeHours)h" }
    }

    /// R7.4: age is real elapsed time. Across a DST change one calendar day lasts 23 or 25 hours,
    /// and the policy follows the 24 hours, not the calendar.
    @Test(arguments: [
        // Spring forward in Berlin (2026-03-29 02:00 CET → 03:00 CEST): yesterday 12:00 is 23 h ago.
        DSTRow(
            zone: "Europe/Berlin", now: "2026-03-29T12:00:00+02:00", rotatedAt: "2026-03-28T11:30:00+01:00",
            maxAgeHours: 24, calendarRuleDeletes: true, deleted: false),  // 23.5 h elapsed
        DSTRow(
            zone: "Europe/Berlin", now: "2026-03-29T12:00:00+02:00", rotatedAt: "2026-03-28T10:59:00+01:00",
            maxAgeHours: 24, calendarRuleDeletes: true, deleted: true),  // 24 h 1 min elapsed
        // Fall back in Berlin (2026-10-25 03:00 CEST → 02:00 CET): yesterday 12:00 is 25 h ago.
        DSTRow(
            zone: "Europe/Berlin", now: "2026-10-25T12:00:00+01:00", rotatedAt: "2026-10-24T12:30:00+02:00",
            maxAgeHours: 24, calendarRuleDeletes: false, deleted: true),  // 24.5 h elapsed
        DSTRow(
            zone: "Europe/Berlin", now: "2026-10-25T12:00:00+01:00", rotatedAt: "2026-10-24T13:00:00+02:00",
            maxAgeHours: 24, calendarRuleDeletes: false, deleted: false),  // exactly 24 h: kept
        // A week across New York's spring forward (2026-03-08): 7 calendar days = 167 h.
        DSTRow(
            zone: "America/New_York", now: "2026-03-10T12:00:00-04:00", rotatedAt: "2026-03-03T11:30:00-05:00",
            maxAgeHours: 168, calendarRuleDeletes: true, deleted: false),  // 167.5 h elapsed
        // A week across New York's fall back (2026-11-01): 7 calendar days = 169 h.
        DSTRow(
            zone: "America/New_York", now: "2026-11-03T12:00:00-05:00", rotatedAt: "2026-10-27T12:30:00-04:00",
            maxAgeHours: 168, calendarRuleDeletes: false, deleted: true),  // 168.5 h elapsed
    ])
    func ageIsElapsedTimeAcrossDST(_ row: DSTRow) throws {
        let now = instant(row.now)
        let rotatedAt = instant(row.rotatedAt)
        // The premise, checked with Foundation's calendar: the calendar-day cutoff differs from
        // now − maxAge because a DST change lies in between.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: row.zone))
        let calendarCutoff = try #require(
            calendar.date(byAdding: .day, value: -Int(row.maxAgeHours / 24), to: now.date))
        #expect(calendarCutoff != now.advanced(by: .seconds(-3600 * row.maxAgeHours)).date)
        #expect((rotatedAt.date < calendarCutoff) == row.calendarRuleDeletes)

        let archive = generation(at: rotatedAt, bytes: 1)
        let expired = try MaxAgeRetention(.seconds(3600 * row.maxAgeHours)).expired([archive], now: now)
        #expect(expired.contains(archive.id) == row.deleted)
        #expect(row.deleted == (now.duration(since: rotatedAt) > .seconds(3600 * row.maxAgeHours)))
    }
}
