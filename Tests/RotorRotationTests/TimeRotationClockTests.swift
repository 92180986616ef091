import Foundation
import RotorCore
import RotorRotation
import Testing

/// Clock behaviour through the sink's contract (RELIABILITY R5.1, R5.2, R5.4, R5.5).
@Suite struct TimeRotationClockTests {
    @Test func midnightRotatesExactlyOnceAndSplitsRecordsAtTheBoundary() {
        let berlin = zone("Europe/Berlin")
        let start = instant("2026-11-21T23:59:59+01:00", nanoseconds: 900_000_000)
        let midnight = instant("2026-11-22T00:00:00+01:00")
        var sink = SinkSimulator(strategy: TimeRotation.daily(in: berlin), openedAt: start)
        var now = start
        while now <= instant("2026-11-22T00:00:01+01:00") {
            sink.write(at: now)
            now = now.advanced(by: .milliseconds(100))
        }
        #expect(sink.rotationTimes == [midnight])
        #expect(sink.archives.count == 1)
        #expect(sink.archives.first?.allSatisfy { $0 < midnight } == true)
        #expect(sink.active.allSatisfy { $0 >= midnight })
        #expect(sink.archives.first?.count == 1)
        #expect(sink.active.count == 11)
    }

    @Test func clockSteppingBackDelaysRotationUntilTheDeadline() throws {
        let strategy = TimeRotation.daily()
        let opened = instant("2026-11-21T23:59:59Z", nanoseconds: 500_000_000)
        let deadline = instant("2026-11-22T00:00:00Z")
        var sink = SinkSimulator(strategy: strategy, openedAt: opened)
        #expect(sink.state.deadline == deadline)
        sink.write(at: opened)
        // Steps back by 1 s, 1 h and 1 day: no rotation, records stay in the active file.
        for back in [Duration.seconds(1), .seconds(3600), .seconds(86_400)] {
            #expect(!strategy.shouldRotate(sink.state, incomingBytes: 10, now: opened.advanced(by: .zero - back)))
            sink.write(at: opened.advanced(by: .zero - back))
        }
        #expect(sink.rotationTimes.isEmpty)
        #expect(!strategy.shouldRotate(sink.state, incomingBytes: 10, now: deadline.advanced(by: .nanoseconds(-1))))
        #expect(strategy.shouldRotate(sink.state, incomingBytes: 10, now: deadline))
        sink.write(at: deadline.advanced(by: .milliseconds(500)))
        #expect(sink.rotationTimes == [deadline.advanced(by: .milliseconds(500))])
        // Just after the rotation the clock steps back across midnight: no second rotation.
        sink.write(at: deadline.advanced(by: .milliseconds(-500)))
        sink.write(at: deadline.advanced(by: .seconds(-3600)))
        #expect(sink.rotationTimes.count == 1)
        #expect(sink.state.deadline == instant("2026-11-23T00:00:00Z"))
    }

    @Test(arguments: [
        "daily", "hourly", "every", "hybrid",
    ])
    func clockJumpingForwardTwoYearsRotatesOnce(_ kind: String) throws {
        let tz = zone("Europe/Berlin")
        let strategy: any RotationStrategy =
            switch kind {
            case "daily": TimeRotation.daily(at: try TimeOfDay(hour: 2, minute: 30), in: tz)
            case "hourly": TimeRotation.hourly(in: tz)
            case "every": try TimeRotation.every(.seconds(900))
            default: try AnyOfRotation([SizeRotation(maxBytes: 1 << 20), TimeRotation.hourly(in: tz)])
            }
        let opened = instant("2026-03-28T10:00:00+01:00")
        var sink = SinkSimulator(strategy: strategy, openedAt: opened)
        sink.write(at: opened)
        let jumped = opened.advanced(by: .seconds(2 * 365 * 86_400))
        for step in 0..<50 {
            sink.write(at: jumped.advanced(by: .milliseconds(Int64(step))))
        }
        #expect(sink.rotationTimes == [jumped])
        let next = try #require(sink.state.deadline)
        #expect(next > jumped)
        #expect(next.duration(since: jumped) <= .seconds(86_400 + 3600))
    }

    @Test func ambiguousDailyTimeRotatesOnceThroughTheFallBackNight() throws {
        let strategy = TimeRotation.daily(at: try TimeOfDay(hour: 1, minute: 30), in: zone("America/New_York"))
        var sink = SinkSimulator(strategy: strategy, openedAt: instant("2012-11-03T23:00:00-04:00"))
        var now = instant("2012-11-03T23:00:00-04:00")
        while now < instant("2012-11-04T23:00:00-05:00") {
            sink.write(at: now)
            now = now.advanced(by: .seconds(60))
        }
        #expect(sink.rotationTimes == [instant("2012-11-04T01:30:00-04:00")])
    }

    @Test func nonexistentDailyTimeRotatesOnceThroughTheSpringForwardNight() throws {
        let strategy = TimeRotation.daily(at: try TimeOfDay(hour: 2, minute: 30), in: zone("Europe/Berlin"))
        var sink = SinkSimulator(strategy: strategy, openedAt: instant("2026-03-28T23:00:00+01:00"))
        var now = instant("2026-03-28T23:00:00+01:00")
        while now < instant("2026-03-29T23:00:00+02:00") {
            sink.write(at: now)
            now = now.advanced(by: .seconds(60))
        }
        #expect(sink.rotationTimes == [instant("2026-03-29T03:30:00+02:00")])
    }
}
