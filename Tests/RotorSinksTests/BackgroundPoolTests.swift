import Foundation
@_spi(RotorInternals) import RotorCore
import Testing

@testable import RotorSinks

/// The shared background pool: per-queue order, quick work never behind a compression, waiting
/// from a pool thread, timers, stopping. Each test uses a pool of its own.
@Suite struct BackgroundPoolTests {
    /// Not the shared pool's name, so that counting the shared pool's threads leaves these out.
    static let threadName = "rotor.testpool"

    /// Starts a compression-like job that holds one of `pool`'s threads until the returned
    /// function is called (which then waits for it to end).
    private func occupyASlowThread(of pool: BackgroundPool) -> () -> Void {
        let slow = BackgroundQueue(.slow, pool: pool)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        slow.async {
            started.signal()
            release.wait()
        }
        started.wait()
        return {
            release.signal()
            slow.waitUntilIdle()
        }
    }

    @Test func eachQueueRunsItsJobsOneAtATimeInOrder() throws {
        let pool = BackgroundPool(maximumThreads: 4, threadName: Self.threadName)
        let queues = (0..<8).map { index in BackgroundQueue(index.isMultiple(of: 2) ? .quick : .slow, pool: pool) }
        let log = Locked([[Int]](repeating: [], count: queues.count))
        let running = Locked([Bool](repeating: false, count: queues.count))
        let overlaps = Locked(0)
        DispatchQueue.concurrentPerform(iterations: queues.count) { index in
            for job in 0..<200 {
                queues[index].async {
                    let overlapped = running.withLock { running -> Bool in
                        defer { running[index] = true }
                        return running[index]
                    }
                    if overlapped { overlaps.withLock { $0 += 1 } }
                    log.withLock { $0[index].append(job) }
                    running.withLock { $0[index] = false }
                }
            }
        }
        for queue in queues { queue.waitUntilIdle() }
        #expect(overlaps.withLock { $0 } == 0)
        for jobs in log.withLock({ $0 }) { #expect(jobs == Array(0..<200)) }
        #expect(pool.threadCount <= 4)
    }

    @Test func aLongCompressionNeverHoldsUpAnotherFilesQuickWork() throws {
        let pool = BackgroundPool(maximumThreads: 2, threadName: Self.threadName)
        let compressionA = BackgroundQueue(.slow, pool: pool)
        let compressionB = BackgroundQueue(.slow, pool: pool)
        let namesB = BackgroundQueue(.quick, pool: pool)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let events = Locked<[String]>([])
        compressionA.async {
            started.signal()
            release.wait()
            events.withLock { $0.append("A compressed") }
        }
        started.wait()
        // Only one slow job at a time on two threads: B's compression waits for A's...
        compressionB.async { events.withLock { $0.append("B compressed") } }
        // ...but B's names are switched at once, on the thread kept for quick work.
        for index in 0..<50 { namesB.async { events.withLock { $0.append("B names \(index)") } } }
        namesB.waitUntilIdle()
        #expect(events.withLock { $0 } == (0..<50).map { "B names \($0)" })
        release.signal()
        compressionA.waitUntilIdle()
        compressionB.waitUntilIdle()
        #expect(events.withLock { $0.suffix(2) } == ["A compressed", "B compressed"])
        #expect(pool.threadCount == 2)
    }

    @Test func aJobThatWaitsForAnotherQueueLendsItsThread() throws {
        let pool = BackgroundPool(maximumThreads: 2, threadName: Self.threadName)
        let release = occupyASlowThread(of: pool)
        let first = BackgroundQueue(.quick, pool: pool)
        let second = BackgroundQueue(.quick, pool: pool)
        let done = DispatchSemaphore(value: 0)
        // The one thread left runs `first`'s job, which waits for `second`: without a lent thread
        // `second`'s job could never run.
        first.async {
            second.async {}
            second.waitUntilIdle()
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        release()
    }

    @Test func timersFireWhileACompressionRuns() throws {
        let pool = BackgroundPool(maximumThreads: 2, threadName: Self.threadName)
        let release = occupyASlowThread(of: pool)
        let quick = BackgroundQueue(.quick, pool: pool)
        let fired = DispatchSemaphore(value: 0)
        quick.asyncAfter(.milliseconds(20)) { fired.signal() }
        #expect(fired.wait(timeout: .now() + 10) == .success)
        release()
    }

    @Test func stopRunsWhatIsQueuedDropsTimersAndRefusesNewJobs() throws {
        let pool = BackgroundPool(maximumThreads: 2, threadName: Self.threadName)
        let queue = BackgroundQueue(.quick, pool: pool)
        let ran = Locked<[String]>([])
        queue.asyncAfter(.milliseconds(50)) { ran.withLock { $0.append("timer") } }
        for index in 0..<10 { queue.async { ran.withLock { $0.append("job \(index)") } } }
        queue.stop()
        #expect(ran.withLock { $0 } == (0..<10).map { "job \($0)" })
        #expect(!queue.async { ran.withLock { $0.append("late") } })
        Thread.sleep(forTimeInterval: 0.1)
        #expect(ran.withLock { $0.count } == 10)
    }

    @Test func waitingFromTheQueuesOwnJobReturnsAtOnce() throws {
        let pool = BackgroundPool(maximumThreads: 2, threadName: Self.threadName)
        let queue = BackgroundQueue(.quick, pool: pool)
        let done = DispatchSemaphore(value: 0)
        queue.async {
            #expect(queue.isCurrent)
            queue.waitUntilIdle()
            queue.stop()
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(!queue.isCurrent)
    }
}
