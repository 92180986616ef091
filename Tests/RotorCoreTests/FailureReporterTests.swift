@_spi(RotorInternals) import RotorCore
import Testing

@Suite struct FailureReporterTests {
    final class Collected: Sendable {
        let reports = Locked<[SinkFailure]>([])
        var transitions: [SinkFailure.Transition] { reports.withLock { $0.map(\.transition) } }
    }

    func makeReporter(
        _ clock: ManualClock, _ collected: Collected, counters: SinkCounters = SinkCounters()
    ) -> FailureReporter {
        FailureReporter(
            sink: "test", handler: { report in collected.reports.withLock { $0.append(report) } },
            clock: clock, counters: counters)
    }

    @Test func reportsTheStartAndTheEndOfAFaultButNotItsRepeats() {
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 100))
        let collected = Collected()
        let counters = SinkCounters()
        let reporter = makeReporter(clock, collected, counters: counters)
        for _ in 0..<50 { reporter.failed(.write, cause: SystemCallError.noSpace) }
        #expect(reporter.isFailing(.write))
        for _ in 0..<5 { reporter.succeeded(.write) }
        #expect(collected.transitions == [.failing, .recovered])
        #expect(counters.snapshot().failures[.write] == 50)
        #expect(counters.snapshot().suppressedFailureReports == 49)
        #expect(collected.reports.withLock { $0[1].suppressed } == 49)
    }

    @Test func aFlappingFaultIsReportedAtMostOncePerInterval() {
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 100))
        let collected = Collected()
        let reporter = makeReporter(clock, collected)
        for _ in 0..<10 {
            reporter.failed(.write)
            reporter.succeeded(.write)
            clock.advance(by: .milliseconds(10))
        }
        #expect(collected.transitions == [.failing, .recovered])
        clock.advance(by: .seconds(2))
        reporter.failed(.write)
        reporter.succeeded(.write)
        #expect(collected.transitions == [.failing, .recovered, .failing, .recovered])
    }

    @Test func kindsAreTrackedSeparately() {
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 100))
        let collected = Collected()
        let reporter = makeReporter(clock, collected)
        reporter.failed(.write)
        reporter.failed(.rotate)
        reporter.succeeded(.rotate)
        #expect(reporter.isFailing(.write))
        #expect(!reporter.isFailing(.rotate))
        #expect(collected.reports.withLock { $0.map(\.kind) } == [.write, .rotate, .rotate])
    }

    @Test func aHandlerThatFailsAgainCannotRecurse() {
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 100))
        let counters = SinkCounters()
        let calls = Locked(0)
        let box = Locked<FailureReporter?>(nil)
        let reporter = FailureReporter(
            sink: "test",
            handler: { _ in
                calls.withLock { $0 += 1 }
                // The handler "logs to the failing sink", which fails again with another kind.
                box.withLock { $0 }?.failed(.sync)
            }, clock: clock, counters: counters)
        box.withLock { $0 = reporter }
        reporter.failed(.write)
        #expect(calls.withLock { $0 } == 1)
        #expect(counters.snapshot().suppressedFailureReports == 1)
        box.withLock { $0 = nil }
    }
}
