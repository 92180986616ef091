import Foundation
import RotorCore
import RotorLibc
import RotorSystem

/// Rotor's background threads: one small pool, shared by every rotating file of the process, that
/// runs the files' ``BackgroundQueue``s (preparing the next file, switching names, recording the
/// period, retention, compression, and timed jobs such as idle rotation and buffer flushes).
///
/// A queue runs its jobs one at a time, in order, so each file's ordering guarantees are those of
/// a serial queue. The pool runs different queues at once, on at most ``maximumThreads`` threads,
/// started when work needs them and then kept. Two kinds of queue share them:
/// - ``Kind/quick`` queues (names, next file, period, retention, timers) run on any thread;
/// - ``Kind/slow`` queues (compression) run on at most `maximumThreads - 1` threads at a time, so
///   one thread is always left for quick work: however long one file's compression takes, another
///   file's name switch waits for no more than the quick jobs ahead of it.
///
/// A pool thread that waits for a queue (``BackgroundQueue/waitUntilIdle()``, for example an
/// observer that closes another sink) lends its place: while it waits, the pool may start one
/// more thread, so waiting can never starve the pool.
///
/// Rotor uses its own threads rather than libdispatch, which aborts the process when it cannot get
/// a descriptor for its event loop (created lazily when its first worker thread starts): under
/// `EMFILE`, one `DispatchQueue.async` could crash the host. These threads need no descriptor.
final class BackgroundPool: Sendable {
    typealias Job = @Sendable () -> Void

    /// Which threads may run a queue's jobs.
    enum Kind: Sendable {
        /// Short jobs: run on any of the pool's threads.
        case quick
        /// Long jobs (compression): never on the last thread kept for quick jobs.
        case slow
    }

    private struct Queue {
        var kind: Kind
        var jobs: [Job] = []
        /// The thread running one of the queue's jobs, if any.
        var runner: pthread_t?
        /// Whether the queue is listed in `ready` (it has jobs and is not running).
        var isListed = false
        var isStopping = false
    }

    private struct Timed {
        var deadline: Int
        var queue: Int
        var job: Job
    }

    private struct State {
        var queues: [Int: Queue] = [:]
        var nextQueue = 0
        /// Queues with jobs waiting and none running, first come first served.
        var readyQuick: [Int] = []
        var readySlow: [Int] = []
        var timed: [Timed] = []
        /// Bumped when a timed job is added, so that a sleeping thread recomputes its timeout.
        var timedVersion = 0
        var threads = 0
        var idleThreads = 0
        /// Pool threads blocked in `waitUntilIdle`: each allows one more thread meanwhile.
        var blockedThreads = 0
        var runningSlow = 0
    }

    /// The pool every file sink of the process uses: as many threads as processors, at least 2
    /// (one for quick work beside a compression) and at most 4.
    static let shared = BackgroundPool(
        maximumThreads: max(2, min(ProcessInfo.processInfo.activeProcessorCount, 4)))

    /// The most threads the pool runs at once (not counting those lent by waiting threads).
    let maximumThreads: Int
    /// The name its threads take (`top -H`, `/proc/PID/task/*/comm`; Linux keeps 15 bytes).
    let threadName: String
    /// The name of the shared pool's threads.
    static let threadName = "rotor.pool"
    private static let work = 0
    private static let idle = 1
    private let state = ConditionLocked(State(), conditions: 2)

    /// Creates a pool of up to `maximumThreads` threads (at least 2), started as work needs them
    /// and named `threadName`.
    init(maximumThreads: Int, threadName: String = BackgroundPool.threadName) {
        self.maximumThreads = max(2, maximumThreads)
        self.threadName = threadName
    }

    /// The threads the pool has started (for tests and diagnostics).
    var threadCount: Int { state.withLock { $0.threads } }

    // MARK: - Queues

    /// Registers a new queue and returns its number.
    func makeQueue(_ kind: Kind) -> Int {
        state.withLock { state in
            let id = state.nextQueue
            state.nextQueue += 1
            state.queues[id] = Queue(kind: kind)
            return id
        }
    }

    /// Adds `job` to queue `id`. Returns `false` (and drops the job) once the queue is stopping.
    func async(_ id: Int, _ job: @escaping Job) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard state.queues[id]?.isStopping == false else { return false }
            state.queues[id]!.jobs.append(job)
            list(id, in: &state)
            startThreadIfNeeded(&state)
            return true
        }
        if accepted { state.signal(Self.work) }
        return accepted
    }

    /// Adds `job` to queue `id` once `delay` has passed on the monotonic clock, unless the queue
    /// is stopping by then.
    func asyncAfter(_ id: Int, _ delay: Duration, _ job: @escaping Job) {
        let deadline = POSIX.monotonicNanoseconds() + delay.clampedNanoseconds
        let accepted = state.withLock { state -> Bool in
            guard state.queues[id]?.isStopping == false else { return false }
            state.timed.append(Timed(deadline: deadline, queue: id, job: job))
            state.timedVersion += 1
            if state.threads == 0 { startThread(&state) }
            return true
        }
        // Every sleeping thread recomputes its timeout (rare: timers are armed once per period).
        if accepted { state.broadcast(Self.work) }
    }

    /// Whether the caller is running one of queue `id`'s jobs.
    func isCurrent(_ id: Int) -> Bool {
        let current = pthread_self()
        return state.withLock { state in
            state.queues[id]?.runner.map { pthread_equal($0, current) != 0 } ?? false
        }
    }

    /// Blocks until queue `id` has run every job queued so far (timed jobs still waiting for their
    /// time excepted). Returns at once when called from one of the queue's own jobs.
    func waitUntilIdle(_ id: Int) {
        let current = pthread_self()
        let onPoolThread = state.withLock { state -> Bool? in
            let running = state.queues.values.filter { $0.runner.map { pthread_equal($0, current) != 0 } ?? false }
            if state.queues[id]?.runner.map({ pthread_equal($0, current) != 0 }) == true { return nil }
            return !running.isEmpty
        }
        guard let onPoolThread else { return }
        if onPoolThread {
            state.withLock { state in
                state.blockedThreads += 1
                startThreadIfNeeded(&state)
            }
        }
        state.withLock(
            waitingOn: Self.idle,
            until: { state in state.queues[id].map { $0.jobs.isEmpty && $0.runner == nil } ?? true }
        ) { state, _ in
            if onPoolThread { state.blockedThreads -= 1 }
        }
    }

    /// Stops queue `id`: it takes no more jobs and drops its timed jobs; the jobs already queued
    /// run. Waits for them unless called from one of them; the queue is forgotten once empty.
    func stop(_ id: Int, waiting: Bool = true) {
        state.withLock { state in
            guard state.queues[id] != nil else { return }
            state.queues[id]!.isStopping = true
            state.timed.removeAll { $0.queue == id }
            forgetIfDone(id, in: &state)
        }
        if waiting { waitUntilIdle(id) }
    }

    // MARK: - Threads

    private func list(_ id: Int, in state: inout State) {
        guard let queue = state.queues[id], !queue.isListed, queue.runner == nil, !queue.jobs.isEmpty else { return }
        state.queues[id]!.isListed = true
        switch queue.kind {
        case .quick: state.readyQuick.append(id)
        case .slow: state.readySlow.append(id)
        }
    }

    private func forgetIfDone(_ id: Int, in state: inout State) {
        guard let queue = state.queues[id], queue.isStopping, queue.jobs.isEmpty, queue.runner == nil else { return }
        state.queues[id] = nil
    }

    /// Ready queues that a thread could start now.
    private func runnable(_ state: State) -> Int {
        state.readyQuick.count + min(state.readySlow.count, max(0, maximumThreads - 1 - state.runningSlow))
    }

    private func startThreadIfNeeded(_ state: inout State) {
        if runnable(state) > state.idleThreads, state.threads < maximumThreads + state.blockedThreads {
            startThread(&state)
        }
    }

    private func startThread(_ state: inout State) {
        state.threads += 1
        let thread = Thread { [self] in
            POSIX.nameCurrentThread(threadName)
            run()
        }
        thread.name = threadName
        thread.stackSize = 512 * 1024
        thread.start()
    }

    /// Moves the timed jobs that are due into their queues.
    private func moveDueTimedJobs(_ state: inout State) {
        guard !state.timed.isEmpty else { return }
        let now = POSIX.monotonicNanoseconds()
        var index = 0
        while index < state.timed.count {
            guard state.timed[index].deadline <= now else {
                index += 1
                continue
            }
            let due = state.timed.remove(at: index)
            guard state.queues[due.queue]?.isStopping == false else { continue }
            state.queues[due.queue]!.jobs.append(due.job)
            list(due.queue, in: &state)
        }
    }

    /// Takes the next job a thread may run: quick queues first, then slow ones within their limit.
    private func takeJob(_ state: inout State) -> (queue: Int, job: Job)? {
        let id: Int
        if !state.readyQuick.isEmpty {
            id = state.readyQuick.removeFirst()
        } else if !state.readySlow.isEmpty, state.runningSlow < maximumThreads - 1 {
            id = state.readySlow.removeFirst()
            state.runningSlow += 1
            // Timers and quick work must not wait for a compression: keep a thread free for them.
            if state.threads - state.runningSlow < 1 { startThread(&state) }
        } else {
            return nil
        }
        state.queues[id]!.isListed = false
        state.queues[id]!.runner = pthread_self()
        return (id, state.queues[id]!.jobs.removeFirst())
    }

    private func run() {
        while true {
            // A thread started while another was lent (blocked in `waitUntilIdle`) ends once the
            // pool is back within its size and has nothing for it.
            let surplus = state.withLock { state -> Bool in
                guard state.threads > maximumThreads + state.blockedThreads, runnable(state) == 0 else { return false }
                state.threads -= 1
                return true
            }
            if surplus { return }
            let (version, earliest) = state.withLock { state in (state.timedVersion, state.timed.map(\.deadline).min())
            }
            let timeout = earliest.map { Duration.nanoseconds(max(0, $0 - POSIX.monotonicNanoseconds())) }
            let taken = state.withLock(
                waitingOn: Self.work,
                until: { state in
                    runnable(state) > 0 || state.timedVersion != version
                        || (earliest.map { $0 <= POSIX.monotonicNanoseconds() } ?? false)
                },
                timeout: timeout,
                waiting: { state, waiting in state.idleThreads += waiting ? 1 : -1 }
            ) { state, _ -> (queue: Int, job: Job)? in
                moveDueTimedJobs(&state)
                return takeJob(&state)
            }
            guard let (id, job) = taken else { continue }
            job()
            state.withLock { state in
                guard let kind = state.queues[id]?.kind else { return }
                if kind == .slow { state.runningSlow -= 1 }
                state.queues[id]!.runner = nil
                list(id, in: &state)
                forgetIfDone(id, in: &state)
            }
            state.broadcast(Self.idle)
        }
    }
}
