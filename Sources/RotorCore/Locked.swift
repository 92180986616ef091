#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`, for Rotor's own modules.
///
/// Rotor uses this instead of `Synchronization.Mutex` for two reasons: ThreadSanitizer intercepts
/// `pthread_mutex_lock`/`unlock` and so understands this lock, whereas it reports false "Swift
/// access races" for `Mutex` in debug builds on Linux (reproduced with a four-line program on Swift
/// 6.3.1); and it works on Apple platforms older than macOS 15.
package final class Locked<Value: ~Copyable> {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Creates a lock guarding `value`.
    package init(_ value: consuming Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let rc = pthread_mutex_init(mutex, nil)
        precondition(rc == 0, "pthread_mutex_init failed: \(rc)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    package func withLock<Result: ~Copyable, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

// The value is only ever read or written inside `withLock`, between `pthread_mutex_lock` and
// `pthread_mutex_unlock` on the one mutex this object owns, so sharing the box across threads is
// safe whenever the value itself may cross threads.
extension Locked: @unchecked Sendable where Value: Sendable & ~Copyable {}
