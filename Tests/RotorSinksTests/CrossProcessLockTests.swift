import Foundation
@_spi(RotorInternals) import RotorCore
import RotorSystem
import RotorTestKit
import Testing

/// The threads of one process share the cross-process locks: an OFD lock belongs to the open file
/// description, so one thread's unlock must not release a lock another thread still holds. A
/// second description of the same file stands in for another process.
@Suite struct CrossProcessLockTests {
    private func open(_ dir: String) throws -> (CrossProcessLock, other: CrossProcessLock) {
        let directory = try DirectoryHandle.openWithoutFollowingLinks(dir).get()
        let lock = try CrossProcessLock.open(".app.log.rotor-lock", in: directory, permissions: 0o644).get()
        let other = try CrossProcessLock.open(".app.log.rotor-lock", in: directory, permissions: 0o644).get()
        return (lock, other)
    }

    @Test func theLastHolderInTheProcessReleasesTheLock() throws {
        try withTemporaryDirectory { dir in
            let (lock, other) = try open(dir)
            #expect(lock.lock(.archives) == nil)  // compression
            #expect(try lock.tryLock(.archives, exclusive: true).get() == true)  // retention, meanwhile
            lock.unlock(.archives)  // retention ends
            #expect(try other.tryLock(.archives, exclusive: true).get() == false)  // still held
            lock.unlock(.archives)  // compression ends
            #expect(try other.tryLock(.archives, exclusive: true).get() == true)
            #expect(try lock.tryLock(.archives, exclusive: true).get() == false)
            other.unlock(.archives)
            lock.unlock(.archives)  // more unlocks than locks: ignored
            #expect(try lock.tryLock(.archives, exclusive: true).get() == true)
        }
    }

    @Test func manyThreadsTakingAndReleasingNeverLeaveItHeldOrFree() throws {
        try withTemporaryDirectory { dir in
            let (lock, other) = try open(dir)
            let wrong = Locked(0)
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                for _ in 0..<500 {
                    guard lock.lock(.archives) == nil else { return }
                    // Whoever holds it in this process, another description can never get it.
                    if (try? other.tryLock(.archives, exclusive: true).get()) == true {
                        wrong.withLock { $0 += 1 }
                        other.unlock(.archives)
                    }
                    lock.unlock(.archives)
                }
            }
            #expect(wrong.withLock { $0 } == 0)
            #expect(try other.tryLock(.archives, exclusive: true).get() == true)
        }
    }
}
