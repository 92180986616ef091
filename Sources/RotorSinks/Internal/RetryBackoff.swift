import RotorCore

/// Exponential backoff for a failing operation: the first retry after 1 ms, doubling up to 1 s.
///
/// While an operation is failing, callers ask ``mayAttempt(at:)`` before each try; between the
/// scheduled attempts they skip the system call (and count what they could not do).
struct RetryBackoff: Sendable {
    static let initialDelay: Duration = .milliseconds(1)
    static let maximumDelay: Duration = .seconds(1)

    private(set) var isFailing = false
    private var delay: Duration = RetryBackoff.initialDelay
    private var nextAttempt: LogTimestamp?

    /// Whether an attempt is due: always when not failing, otherwise once the backoff has elapsed.
    /// The instants come from a monotonic clock (``FileSinkConfiguration/retryClock``), never the wall
    /// clock, which may step back.
    func mayAttempt(at now: LogTimestamp) -> Bool {
        guard isFailing, let nextAttempt else { return true }
        return now >= nextAttempt
    }

    /// Records a failed attempt and schedules the next one.
    mutating func failed(at now: LogTimestamp) {
        if isFailing {
            delay = min(delay * 2, Self.maximumDelay)
        } else {
            isFailing = true
            delay = Self.initialDelay
        }
        nextAttempt = now.advanced(by: delay)
    }

    /// Keeps the failing state but lets the next attempt happen at once: for faults whose remedy
    /// is known and immediate (`EFBIG` on a rotating file: rotate first).
    mutating func allowImmediateRetry() {
        nextAttempt = nil
    }

    /// The wait before the next attempt while failing.
    var currentDelay: Duration { delay }

    /// Records a successful attempt: the next failure starts again at 1 ms.
    mutating func succeeded() {
        isFailing = false
        delay = Self.initialDelay
        nextAttempt = nil
    }
}
