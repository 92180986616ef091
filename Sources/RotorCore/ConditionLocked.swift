import RotorLibc

/// A value guarded by a `pthread_mutex_t`, with condition variables to wait for changes of it, for
/// Rotor's own modules (the async sink's queue). See ``Locked`` for why not `Synchronization.Mutex`.
package final class ConditionLocked<Value> {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let conditions: UnsafeMutablePointer<pthread_cond_t>
    private let conditionCount: Int
    /// The value lives behind a pointer: the mutex already makes access exclusive, and a stored
    /// `var` of a class would add a dynamic exclusivity check (`swift_beginAccess`) to each use.
    private let value: UnsafeMutablePointer<Value>

    /// Creates a lock guarding `value`, with `conditions` condition variables (numbered from 0).
    package init(_ value: Value, conditions: Int) {
        precondition(conditions > 0)
        self.value = .allocate(capacity: 1)
        self.value.initialize(to: value)
        self.conditionCount = conditions
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0)
        self.conditions = .allocate(capacity: conditions)
        for index in 0..<conditions {
            (self.conditions + index).initialize(to: pthread_cond_t())
            var attributes = pthread_condattr_t()
            pthread_condattr_init(&attributes)
            #if !canImport(Darwin)
            pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
            #endif
            precondition(pthread_cond_init(self.conditions + index, &attributes) == 0)
            pthread_condattr_destroy(&attributes)
        }
    }

    deinit {
        for index in 0..<conditionCount { pthread_cond_destroy(conditions + index) }
        conditions.deinitialize(count: conditionCount)
        conditions.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
        value.deinitialize(count: 1)
        value.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value.pointee)
    }

    /// Waits on condition `condition` until `ready` holds (or `timeout` passes), then runs `body`
    /// under the same lock. `body` gets whether `ready` held. (`ready` gets the value `inout` only
    /// so that it is not copied; it must not change it.) `waiting` is called under the lock
    /// with `true` just before each wait and `false` just after, so that other threads can tell
    /// whether a signal is needed.
    package func withLock<Result>(
        waitingOn condition: Int,
        until ready: (inout Value) -> Bool,
        timeout: Duration? = nil,
        waiting: (inout Value, Bool) -> Void = { _, _ in },
        _ body: (inout Value, _ ready: Bool) throws -> Result
    ) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let timeout {
            var deadline = timespec()
            #if canImport(Darwin)
            clock_gettime(CLOCK_REALTIME, &deadline)
            #else
            clock_gettime(CLOCK_MONOTONIC, &deadline)
            #endif
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = Int(deadline.tv_nsec) + Int(attoseconds / 1_000_000_000)
            deadline.tv_sec += Int(seconds) + nanoseconds / 1_000_000_000
            deadline.tv_nsec = nanoseconds % 1_000_000_000
            while !ready(&value.pointee) {
                waiting(&value.pointee, true)
                let rc = pthread_cond_timedwait(conditions + condition, mutex, &deadline)
                waiting(&value.pointee, false)
                if rc == ETIMEDOUT { break }
            }
        } else {
            while !ready(&value.pointee) {
                waiting(&value.pointee, true)
                pthread_cond_wait(conditions + condition, mutex)
                waiting(&value.pointee, false)
            }
        }
        let isReady = ready(&value.pointee)
        return try body(&value.pointee, isReady)
    }

    /// Wakes one thread waiting on `condition`.
    package func signal(_ condition: Int) { pthread_cond_signal(conditions + condition) }

    /// Wakes every thread waiting on `condition`.
    package func broadcast(_ condition: Int) { pthread_cond_broadcast(conditions + condition) }
}

// The value is only read or written between `pthread_mutex_lock` and `pthread_mutex_unlock` of the
// one mutex this object owns (waiting releases and re-acquires it), so sharing the box across
// threads is safe whenever the value itself may cross threads.
extension ConditionLocked: @unchecked Sendable where Value: Sendable {}
