#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RotorCore
import RotorSystem

/// One thread that runs a file's background jobs in order: preparing the next file, recording the
/// period, compression, retention, and timed jobs (idle rotation, buffer flushes, retries).
///
/// Rotor uses its own thread rather than a `DispatchQueue` because libdispatch aborts the process
/// when it cannot get a descriptor for its event loop, which it creates lazily when its first
/// worker thread starts: under `EMFILE`, one `DispatchQueue.async` could crash the host. This
/// worker needs no descriptor at all.
final class BackgroundWorker: Sendable {
    typealias Job = @Sendable () -> Void

    private struct Timed {
        var deadline: Int
        var job: Job
    }

    private struct State {
        var jobs: [Job] = []
        var timed: [Timed] = []
        /// Bumped when a timed job is added, so a sleeping worker recomputes its timeout.
        var timedVersion = 0
        var running = false
        var stopping = false
        var finished = false
        var thread: pthread_t?
    }

    private static let work = 0
    private static let idle = 1
    private let state = ConditionLocked(State(), conditions: 2)

    /// Starts the worker's thread.
    init(name: String) {
        let thread = Thread { [state] in Self.run(state) }
        thread.name = name
        thread.stackSize = 512 * 1024
        thread.start()
    }

    /// Runs `job` on the worker, after the jobs queued before it. Returns `false` (and drops the
    /// job) once the worker has been stopped.
    @discardableResult
    func async(_ job: @escaping Job) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { state.signal(Self.work) }
        return accepted
    }

    /// Runs `job` on the worker once `delay` has passed (on the monotonic clock).
    func asyncAfter(_ delay: Duration, _ job: @escaping Job) {
        let deadline = POSIX.monotonicNanoseconds() + delay.clampedNanoseconds
        let accepted = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.timed.append(Timed(deadline: deadline, job: job))
            state.timedVersion += 1
            return true
        }
        if accepted { state.signal(Self.work) }
    }

    /// Whether the caller is the worker's own thread.
    var isCurrent: Bool {
        let current = pthread_self()
        return state.withLock { state in state.thread.map { pthread_equal($0, current) != 0 } ?? false }
    }

    /// Blocks until every job queued so far (not timed jobs still waiting for their time) has run.
    /// Returns at once on the worker's own thread, where waiting could never end.
    func waitUntilIdle() {
        guard !isCurrent else { return }
        state.withLock(waitingOn: Self.idle, until: { ($0.jobs.isEmpty && !$0.running) || $0.finished }) { _, _ in }
    }

    /// Runs the jobs already queued, drops timed jobs, and ends the thread.
    func stop() {
        state.withLock { $0.stopping = true }
        state.broadcast(Self.work)
        waitUntilIdle()
    }

    deinit {
        state.withLock { $0.stopping = true }
        state.broadcast(Self.work)
    }

    private static func run(_ state: ConditionLocked<State>) {
        state.withLock { $0.thread = pthread_self() }
        while true {
            // The earliest timed job decides how long to sleep.
            let (version, earliest) = state.withLock { state in (state.timedVersion, state.timed.map(\.deadline).min()) }
            let timeout = earliest.map { Duration.nanoseconds(max(0, $0 - POSIX.monotonicNanoseconds())) }
            let job: Job? = state.withLock(
                waitingOn: work,
                until: { state in
                    !state.jobs.isEmpty || state.stopping || state.timedVersion != version
                        || (earliest.map { $0 <= POSIX.monotonicNanoseconds() } ?? false)
                },
                timeout: timeout
            ) { state, _ -> Job? in
                if !state.jobs.isEmpty {
                    state.running = true
                    return state.jobs.removeFirst()
                }
                if state.stopping {
                    state.timed = []
                    state.finished = true
                    return nil
                }
                let now = POSIX.monotonicNanoseconds()
                if let due = state.timed.firstIndex(where: { $0.deadline <= now }) {
                    state.running = true
                    return state.timed.remove(at: due).job
                }
                return { }   // woken for a new timed job or a timeout: loop and recompute
            }
            guard let job else { break }
            job()
            state.withLock { $0.running = false }
            state.broadcast(idle)
        }
        state.broadcast(idle)
    }
}
