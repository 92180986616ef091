import Foundation
import RotorCore
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

@Suite struct RotatingFileSinkTimeTests {
    @Test func rotatesOnceAtMidnightAndKeepsEachDayInItsFile() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock("2026-11-21T23:59:59.900Z")
            let sink = try makeRotatingSink(dir, strategy: TimeRotation.daily(), clock: clock)
            for i in 0..<12 {  // 23:59:59.900 … 00:00:01.000, every 100 ms
                sink.log(record("t\(i)"))
                clock.advance(by: .milliseconds(100))
            }
            sink.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try lines(of: dir + "/" + archives[0]) == ["info t0"])
            #expect(try lines(of: dir + "/app.log") == (1..<12).map { "info t\($0)" })
            #expect(archives[0].hasPrefix("app.2026-11-22T00-00-00.000Z."))
        }
    }

    @Test func anEmptyFileIsNeverArchivedWhenItsPeriodEnds() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock()
            let sink = try makeRotatingSink(dir, strategy: TimeRotation.hourly(), clock: clock)
            clock.advance(by: .seconds(3 * 3600))
            sink.log(record("late"))
            sink.close()
            #expect(try archiveNames(in: dir).isEmpty)
            #expect(try lines(of: dir + "/app.log") == ["info late"])
        }
    }

    @Test func aClockSteppingBackNeverTouchesAnArchive() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock("2026-11-21T12:59:59Z")
            let sink = try makeRotatingSink(dir, strategy: TimeRotation.hourly(), clock: clock)
            sink.log(record("a"))
            clock.advance(by: .seconds(2))
            sink.log(record("b"))  // rotates at 13:00:01
            sink.flush()  // archive names are switched by flush()
            let first = try archiveNames(in: dir)
            let firstContent = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + first[0]))
            clock.advance(by: .seconds(-3600))  // back to 12:00:01
            sink.log(record("c"))  // no rotation: deadline is 14:00
            #expect(try archiveNames(in: dir) == first)
            sink.rotate()  // a forced rotation at the earlier time
            sink.log(record("d"))
            sink.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 2)
            #expect(archives[0] == first[0])  // name order still chronological
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + first[0])) == firstContent)
            #expect(try lines(of: dir + "/" + archives[1]) == ["info b", "info c"])
        }
    }

    @Test func aClockJumpingYearsAheadRotatesOnce() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock()
            let sink = try makeRotatingSink(dir, strategy: TimeRotation.hourly(), clock: clock)
            sink.log(record("before"))
            clock.advance(by: .seconds(2 * 366 * 86_400))
            for i in 0..<5 { sink.log(record("after\(i)")) }
            sink.close()
            #expect(try archiveNames(in: dir).count == 1)
            #expect(sink.statistics.rotations == 1)
        }
    }

    @Test func theRecordedPeriodSurvivesARestart() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock("2026-11-21T12:10:00Z")
            let first = try makeRotatingSink(dir, strategy: TimeRotation.hourly(), clock: clock)
            first.log(record("a"))
            first.close()
            // File-system times must not matter: pretend the file was modified long ago.
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 0)],
                ofItemAtPath: dir + "/app.log")
            clock.advance(by: .seconds(20 * 60))  // 12:30, same hour
            let second = try makeRotatingSink(dir, strategy: TimeRotation.hourly(), clock: clock)
            second.log(record("b"))
            #expect(try archiveNames(in: dir).isEmpty)
            clock.advance(by: .seconds(31 * 60))  // 13:01: the 12:00 period has ended
            second.log(record("c"))
            second.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try lines(of: dir + "/" + archives[0]) == ["info a", "info b"])
        }
    }

    @Test func theIdleTimerRotatesAtTheDeadlineWithoutARecord() throws {
        try withTemporaryDirectory { dir in
            let sink = try makeRotatingSink(
                dir, strategy: TimeRotation.every(.seconds(1)),
                rotation: RotationConfiguration(rotatesWhenIdle: true))
            sink.log(record("only"))
            // Wait for the observable effect (the timer fires within about a second), bounded.
            let limit = Date().addingTimeInterval(10)
            while try archiveNames(in: dir).isEmpty && Date() < limit {
                Thread.sleep(forTimeInterval: 0.02)
            }
            sink.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try lines(of: dir + "/" + archives[0]) == ["info only"])
            #expect(try fileSize(dir + "/app.log") == 0)
        }
    }

    @Test func onStartupRotationArchivesANonEmptyFileAtOpen() throws {
        try withTemporaryDirectory { dir in
            let strategy = try AnyOfRotation([OnStartupRotation(), SizeRotation(maxBytes: 1 << 20)])
            let first = try makeRotatingSink(dir, strategy: strategy)
            first.log(record("old"))
            first.close()
            let second = try makeRotatingSink(dir, strategy: strategy)
            second.log(record("new"))
            second.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try lines(of: dir + "/" + archives[0]) == ["info old"])
            #expect(try lines(of: dir + "/app.log") == ["info new"])
        }
    }
}

@Suite struct RotatingFileSinkDaylightSavingTests {
    /// Writes a record every 10 minutes through one local day with hourly rotation and returns
    /// the number of rotations and the archive names.
    private func rotateThroughLocalDay(_ zone: String, _ day: String) throws -> (rotations: Int, names: [String]) {
        try withTemporaryDirectory { dir in
            let timeZone = try #require(TimeZone(identifier: zone))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let parts = day.split(separator: "-").map { Int($0)! }
            let start = try #require(
                calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])))
            let end = try #require(calendar.date(byAdding: .day, value: 1, to: start))
            let clock = ManualClock(LogTimestamp(start))
            let sink = try makeRotatingSink(dir, strategy: TimeRotation.hourly(in: timeZone), clock: clock)
            var now = start
            while now < end {
                clock.set(to: LogTimestamp(now))
                sink.log(record("at \(Int(now.timeIntervalSince1970))"))
                now = now.addingTimeInterval(600)
            }
            sink.close()
            return (sink.statistics.rotations, try archiveNames(in: dir))
        }
    }

    @Test func aFallBackDayHasTwentyFiveHourlyFiles() throws {
        let (rotations, names) = try rotateThroughLocalDay("Europe/Berlin", "2026-10-25")
        #expect(rotations == 24)  // 25 periods: the active file holds the 25th
        #expect(Set(names).count == 24)  // the repeated hour gets distinct names
    }

    @Test func aSpringForwardDayHasTwentyThreeHourlyFiles() throws {
        let (rotations, _) = try rotateThroughLocalDay("America/New_York", "2026-03-08")
        #expect(rotations == 22)
    }

    @Test func anOrdinaryDayHasTwentyFourHourlyFiles() throws {
        let (rotations, _) = try rotateThroughLocalDay("America/New_York", "2026-11-21")
        #expect(rotations == 23)
    }
}

/// Short-lived processes (CLI tools, cron jobs) open, log and close: a time rotation must happen
/// once per boundary across such restarts, as CPython's `test_rollover_at_midnight` expects.
@Suite struct TimeRotationRestartTests {
    private func openLogClose(_ dir: String, clock: ManualClock, strategy: TimeRotation, _ message: String) throws {
        let sink = try makeRotatingSink(dir, strategy: strategy, clock: clock)
        sink.log(record(message))
        sink.close()
    }

    @Test(arguments: 0..<20)
    func aRotationJustBeforeCloseIsRememberedByTheNextOpen(_ run: Int) throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock("2026-11-21T11:59:59Z")
            let noon = TimeRotation.daily(at: try TimeOfDay(hour: 12))
            try openLogClose(dir, clock: clock, strategy: noon, "a")
            clock.advance(by: .seconds(1))
            try openLogClose(dir, clock: clock, strategy: noon, "b")  // rotates: a new period at 12:00
            try openLogClose(dir, clock: clock, strategy: noon, "c")  // same period: no rotation
            clock.advance(by: .seconds(3_600))
            try openLogClose(dir, clock: clock, strategy: noon, "d")
            #expect(try archiveNames(in: dir).count == 1)
            #expect(try lines(of: dir + "/app.log") == ["info b", "info c", "info d"])
        }
    }

    @Test func hourlyRestartsAcrossMidnightRotateOnce() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock("2026-11-21T22:30:00Z")
            for hour in 0..<6 {
                try openLogClose(dir, clock: clock, strategy: TimeRotation.daily(), "run \(hour)")
                clock.advance(by: .seconds(3_600))
            }
            #expect(try archiveNames(in: dir).count == 1)
            #expect(try lines(of: dir + "/app.log") == (2..<6).map { "info run \($0)" })
        }
    }
}
