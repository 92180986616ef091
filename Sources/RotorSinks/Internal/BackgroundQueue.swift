/// One file's serial queue of background jobs, run by the process's ``BackgroundPool``: its jobs
/// run one at a time, in the order they were queued (a timed job joins the queue when its time
/// comes).
///
/// A rotating file has two: a ``BackgroundPool/Kind/quick`` queue for the short jobs that keep
/// rotation moving (names, the next file, the period, retention, timers), and a
/// ``BackgroundPool/Kind/slow`` one for compression, so that a long compression never holds up
/// the file's own name switch or retention either.
final class BackgroundQueue: Sendable {
    typealias Job = BackgroundPool.Job

    private let pool: BackgroundPool
    private let id: Int

    /// Registers a queue of `kind` with `pool`.
    init(_ kind: BackgroundPool.Kind, pool: BackgroundPool = .shared) {
        self.pool = pool
        self.id = pool.makeQueue(kind)
    }

    /// Runs `job` after the jobs queued before it. Returns `false` (and drops the job) once the
    /// queue has been stopped.
    @discardableResult
    func async(_ job: @escaping Job) -> Bool {
        pool.async(id, job)
    }

    /// Queues `job` once `delay` has passed (on the monotonic clock), unless the queue has been
    /// stopped by then.
    func asyncAfter(_ delay: Duration, _ job: @escaping Job) {
        pool.asyncAfter(id, delay, job)
    }

    /// Whether the caller is running one of this queue's jobs.
    var isCurrent: Bool { pool.isCurrent(id) }

    /// Blocks until every job queued so far (not timed jobs still waiting for their time) has run.
    /// Returns at once from one of the queue's own jobs, where waiting could never end.
    func waitUntilIdle() {
        pool.waitUntilIdle(id)
    }

    /// Runs the jobs already queued, drops timed jobs, and takes no more; waits for the queued
    /// jobs unless called from one of them.
    func stop() {
        pool.stop(id)
    }

    deinit {
        // The queued jobs still run (each holds what it needs); nothing waits for them here.
        pool.stop(id, waiting: false)
    }
}
