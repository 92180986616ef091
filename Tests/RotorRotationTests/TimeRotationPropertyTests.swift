import Foundation
import RotorCore
import RotorRotation
import RotorTestKit
import Testing

@Suite struct TimeRotationPropertyTests {
    static let zones = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu"]

    /// Random instants (with random nanoseconds) between 1973 and 2080.
    static func randomStarts(count: Int, seed: UInt64) -> [LogTimestamp] {
        var generator = SplitMix64(seed: seed)
        let low = instant("1973-01-01T00:00:00Z").nanosecondsSinceEpoch
        let high = instant("2080-01-01T00:00:00Z").nanosecondsSinceEpoch
        return (0..<count).map { _ in
            LogTimestamp(nanosecondsSinceEpoch: Int64.random(in: low..<high, using: &generator))
        }
    }

    /// Starts within a few hours of every offset change of `zone` from 2005 to 2035, where the
    /// DST rules matter (random instants rarely land there).
    static func startsNearTransitions(_ zone: TimeZone, seed: UInt64) -> [LogTimestamp] {
        var generator = SplitMix64(seed: seed)
        var starts: [LogTimestamp] = []
        var cursor = instant("2005-01-01T00:00:00Z").date
        while let transition = zone.nextDaylightSavingTimeTransition(after: cursor),
            transition < instant("2035-01-01T00:00:00Z").date
        {
            let t = LogTimestamp(transition).nanosecondsSinceEpoch
            for _ in 0..<6 {
                starts.append(
                    LogTimestamp(
                        nanosecondsSinceEpoch: t
                            + Int64.random(in: -10_800_000_000_000...10_800_000_000_000, using: &generator)))
            }
            cursor = transition
        }
        return starts
    }

    /// Whether the wall clock of `zone` starts an hour at whole second `t`: it reads `HH:00:00`,
    /// or a forward jump at `t` skipped such a reading. Brute force, independent of the library.
    static func startsHour(_ zone: TimeZone, at t: Int64) -> Bool {
        let wall = t + offset(zone, at: t)
        if wall % 3600 == 0 { return true }
        let wallBefore = t - 1 + offset(zone, at: t - 1)
        return wall > wallBefore + 1 && (wall / 3600) > (wallBefore / 3600)
    }

    @Test(arguments: zones)
    func deadlinesAreAlwaysStrictlyLaterThanTheStart(_ identifier: String) throws {
        let tz = zone(identifier)
        let strategies = [
            TimeRotation.hourly(in: tz),
            TimeRotation.daily(in: tz),
            TimeRotation.daily(at: try TimeOfDay(hour: 2, minute: 30), in: tz),
            TimeRotation.daily(at: try TimeOfDay(hour: 1, minute: 30), in: tz),
            TimeRotation.daily(at: try TimeOfDay(hour: 23, minute: 59, second: 59), in: tz),
            try TimeRotation.every(.seconds(7)),
        ]
        var failures = 0
        for start in Self.randomStarts(count: 2000, seed: UInt64(identifier.utf8.count) &* 7919)
            + Self.startsNearTransitions(tz, seed: 3)
        {
            for strategy in strategies {
                guard let deadline = strategy.deadline(forPeriodStartingAt: start), deadline > start else {
                    failures += 1
                    continue
                }
                // The period that starts at the deadline ends strictly later too.
                if let next = strategy.deadline(forPeriodStartingAt: deadline), next <= deadline { failures += 1 }
            }
        }
        #expect(failures == 0)
    }

    @Test(arguments: zones)
    func hourlyDeadlineIsTheFirstHourStartAfterTheStart(_ identifier: String) {
        let tz = zone(identifier)
        let strategy = TimeRotation.hourly(in: tz)
        var wrong: [String] = []
        for start in Self.randomStarts(count: 500, seed: 42) + Self.startsNearTransitions(tz, seed: 1) {
            guard let deadline = strategy.deadline(forPeriodStartingAt: start) else {
                wrong.append("nil for \(start)")
                continue
            }
            let seconds = deadline.secondsSinceEpoch
            if deadline.nanosecondPart != 0 || !Self.startsHour(tz, at: seconds)
                || seconds - start.secondsSinceEpoch > 2 * 3600
            {
                wrong.append("\(start) -> \(deadline) is not an hour start")
                continue
            }
            // No hour starts between: offsets change on whole minutes since 1973, check every minute.
            var t = (start.secondsSinceEpoch / 60 + 1) * 60
            while t < seconds {
                if Self.startsHour(tz, at: t) { wrong.append("\(start) -> \(deadline) skips \(t)") }
                t += 60
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    @Test(arguments: zones)
    func dailyDeadlineReadsTheConfiguredTimeOrEndsAGap(_ identifier: String) throws {
        let tz = zone(identifier)
        var generator = SplitMix64(seed: 7)
        var wrong: [String] = []
        for start in Self.randomStarts(count: 300, seed: 99) + Self.startsNearTransitions(tz, seed: 2).prefix(300) {
            let time = try TimeOfDay(
                hour: Int.random(in: 0..<24, using: &generator),
                minute: [0, 15, 30, 45].randomElement(using: &generator)!)
            let strategy = TimeRotation.daily(at: time, in: tz)
            guard let deadline = strategy.deadline(forPeriodStartingAt: start) else {
                wrong.append("nil")
                continue
            }
            let t = deadline.secondsSinceEpoch
            let wallSecond = ((t + offset(tz, at: t)) % 86_400 + 86_400) % 86_400
            let readsTime = wallSecond == Int64(time.secondsSinceMidnight)
            // Nonexistent time: the deadline lies less than the gap after a forward jump.
            let endsGap = offset(tz, at: t - 3600) < offset(tz, at: t)
            if !(readsTime || endsGap) { wrong.append("\(start) \(time) -> \(deadline)") }
            if deadline.duration(since: start) > .seconds(25 * 3600) {
                wrong.append("\(start) \(time) -> \(deadline) too late")
            }
            // No instant strictly between start and deadline reads the time for the first time that day.
            var probe = (start.secondsSinceEpoch / 900 + 1) * 900  // times and offsets are multiples of 15 min
            while probe < t {
                let wall = probe + offset(tz, at: probe)
                if ((wall % 86_400) + 86_400) % 86_400 == Int64(time.secondsSinceMidnight) {
                    // allowed only if it is a repeat (the same wall reading occurred an offset change earlier)
                    let earlier = probe - (offset(tz, at: probe - 7200) - offset(tz, at: probe))
                    let isRepeat = earlier < probe && earlier + offset(tz, at: earlier) == wall
                    if !isRepeat { wrong.append("\(start) \(time) -> \(deadline) skips \(probe)") }
                }
                probe += 900
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }
}
