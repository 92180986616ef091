/// When to try connecting again after a failure: 1 ms, doubling up to 1 s, on the monotonic clock.
struct ReconnectBackoff {
    static let initialDelay: Duration = .milliseconds(1)
    static let maximumDelay: Duration = .seconds(1)

    private var delay: Duration = ReconnectBackoff.initialDelay
    /// When the next attempt is due; `nil` when not failing.
    private(set) var nextAttempt: ContinuousClock.Instant?

    /// Whether an attempt may be made now.
    func isDue(at now: ContinuousClock.Instant) -> Bool {
        guard let nextAttempt else { return true }
        return now >= nextAttempt
    }

    /// Records a failed attempt and schedules the next one.
    mutating func failed(at now: ContinuousClock.Instant) {
        if nextAttempt != nil { delay = min(delay * 2, Self.maximumDelay) }
        nextAttempt = now + delay
    }

    /// Records a connection: the next failure starts again at 1 ms.
    mutating func succeeded() {
        delay = Self.initialDelay
        nextAttempt = nil
    }
}
