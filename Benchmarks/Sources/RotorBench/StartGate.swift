import Foundation

// @unchecked Sendable: every stored property is read and written only between
// `condition.lock()` and `unlock()`.
/// Lines the producer threads up: each arrives after its warm-up and waits; the main thread waits
/// for all of them, starts the clock and opens the gate; then it waits for them to finish.
final class StartGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived = 0
    private var finished = 0
    private var isOpen = false

    /// Called by a producer: announces that it is ready, then blocks until the gate opens.
    func arriveAndWait() {
        condition.lock()
        arrived += 1
        condition.broadcast()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    /// Called by a producer when its last record is logged.
    func finish() {
        condition.lock()
        finished += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until `count` producers have arrived.
    func waitForArrivals(_ count: Int) {
        condition.lock()
        while arrived < count { condition.wait() }
        condition.unlock()
    }

    /// Lets every waiting producer go.
    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until `count` producers have finished.
    func waitForFinish(_ count: Int) {
        condition.lock()
        while finished < count { condition.wait() }
        condition.unlock()
    }
}
