import RotorLibc
import Synchronization

/// Delivers a sink's run-time faults to its ``SinkFailureHandler``: once per state change,
/// rate-limited, and never recursively.
///
/// Sinks call ``failed(_:path:cause:)`` each time an operation fails and ``succeeded(_:)`` when one
/// of the same kind works. The handler hears about the first failure and about the recovery; the
/// repeats in between are only counted. The start of a failure is reported at most once per kind
/// per ``minimumInterval``, so a flapping fault cannot flood the handler; a recovery is reported
/// exactly when the failure it ends was reported, so the handler's view is always a consistent
/// sequence of `failing` / `recovered` pairs. A report raised while the handler is running (for
/// example because the handler logs to the failing sink) is suppressed and counted, which breaks
/// any recursion.
public final class FailureReporter: Sendable {
    /// The handler that writes a report to standard error with one `write(2)`, bypassing every sink.
    public static let standardError: SinkFailureHandler = { failure in
        let line = Array((failure.description + "\n").utf8)
        line.withUnsafeBytes { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }

    private struct KindState {
        var failing = false
        /// Whether the handler was told of the current failure (and so must hear of its end).
        var reported = false
        var suppressed = 0
        var lastDelivery: LogTimestamp?
    }

    private struct State {
        var kinds: [SinkStatistics.FailureKind: KindState] = [:]
        var delivering = false
    }

    /// The label put into every report.
    public let sink: String
    /// The shortest time between two deliveries for the same kind of failure.
    public let minimumInterval: Duration
    private let handler: SinkFailureHandler
    private let clock: any LogClock
    private let counters: SinkCounters
    private let state = Locked(State())
    /// Set while any state is failing; lets ``succeeded(_:)`` return at once on the fast path.
    private let anyFailing = Atomic<Bool>(false)

    /// Creates a reporter.
    ///
    /// - Parameters:
    ///   - sink: The label put into every report, usually the sink's path.
    ///   - handler: Where reports go; ``standardError`` by default.
    ///   - clock: The clock used for timestamps and rate limiting.
    ///   - counters: Where suppressed reports and failures are counted.
    ///   - minimumInterval: The shortest time between two deliveries for one kind; one second by default.
    public init(
        sink: String,
        handler: SinkFailureHandler? = nil,
        clock: any LogClock = SystemClock(),
        counters: SinkCounters,
        minimumInterval: Duration = .seconds(1)
    ) {
        self.sink = sink
        self.handler = handler ?? Self.standardError
        self.clock = clock
        self.counters = counters
        self.minimumInterval = minimumInterval
    }

    /// Whether operations of `kind` are currently failing.
    public func isFailing(_ kind: SinkStatistics.FailureKind) -> Bool {
        state.withLock { $0.kinds[kind]?.failing ?? false }
    }

    /// Counts a failure of `kind` and reports it if it is a change of state.
    public func failed(_ kind: SinkStatistics.FailureKind, path: String? = nil, cause: (any Error)? = nil) {
        counters.recordFailure(kind)
        anyFailing.store(true, ordering: .relaxed)
        deliver(kind, transition: .failing, path: path, cause: cause)
    }

    /// Notes that an operation of `kind` worked; reports a recovery if it was failing.
    @inline(__always)
    public func succeeded(_ kind: SinkStatistics.FailureKind) {
        guard anyFailing.load(ordering: .relaxed) else { return }
        deliver(kind, transition: .recovered, path: nil, cause: nil)
    }

    private func deliver(
        _ kind: SinkStatistics.FailureKind,
        transition: SinkFailure.Transition,
        path: String?,
        cause: (any Error)?
    ) {
        let now = clock.now()
        let report: SinkFailure? = state.withLock { state in
            var entry = state.kinds[kind] ?? KindState()
            defer {
                state.kinds[kind] = entry
                if !state.kinds.values.contains(where: \.failing) { anyFailing.store(false, ordering: .relaxed) }
            }
            switch transition {
            case .failing:
                guard !entry.failing else {
                    entry.suppressed += 1
                    counters.update { $0.suppressedFailureReports += 1 }
                    return nil
                }
                entry.failing = true
                let tooSoon = entry.lastDelivery.map { now >= $0 && now.duration(since: $0) < minimumInterval } ?? false
                entry.reported = !(state.delivering || tooSoon)
            case .recovered:
                guard entry.failing else { return nil }
                entry.failing = false
                if state.delivering { entry.reported = false }
            }
            guard entry.reported else {
                entry.suppressed += 1
                counters.update { $0.suppressedFailureReports += 1 }
                return nil
            }
            if transition == .recovered { entry.reported = false }
            state.delivering = true
            entry.lastDelivery = now
            let suppressed = entry.suppressed
            entry.suppressed = 0
            return SinkFailure(
                sink: sink, kind: kind, transition: transition, path: path, cause: cause,
                suppressed: suppressed, timestamp: now)
        }
        guard let report else { return }
        handler(report)
        state.withLock { $0.delivering = false }
    }
}
