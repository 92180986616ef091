public import RotorLibc

/// A value guarded by a `pthread_mutex_t`, for Rotor's own modules.
///
/// Rotor uses this instead of `Synchronization.Mutex` for two reasons: ThreadSanitizer intercepts
/// `pthread_mutex_lock`/`unlock` and so understands this lock, whereas it reports false "Swift
/// access races" for `Mutex` in debug builds on Linux (reproduced with a four-line program on Swift
/// 6.3.1); and it works on Apple platforms older than macOS 15.
///
/// It is public only as SPI (`@_spi(RotorInternals) import RotorCore`), never to users: Swift
/// 6.3 does not inline or specialise a `package` function in another module, even an
/// `@inlinable` one, so as a `package` type every use was a generic call (about 60 instructions
/// a record on the write path). As SPI, the modules that use it specialise and inline it.
@_spi(RotorInternals)
public final class Locked<Value: ~Copyable> {
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// The value lives behind a pointer: the mutex already makes access exclusive, and a stored
    /// `var` of a class would add a dynamic exclusivity check (`swift_beginAccess`) to each use.
    @usableFromInline let value: UnsafeMutablePointer<Value>

    /// Creates a lock guarding `value`.
    public init(_ value: consuming Value) {
        self.value = .allocate(capacity: 1)
        self.value.initialize(to: value)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        #if canImport(Glibc)
        // Critical sections here are short (a few hundred instructions): spinning briefly before
        // sleeping in the kernel keeps two busy writers from paying a futex wait and wake-up for
        // every record.
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
        #endif
        let rc = pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
        precondition(rc == 0, "pthread_mutex_init failed: \(rc)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
        _ = value.move()
        value.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inlinable @inline(__always)
    public func withLock<Result: ~Copyable, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value.pointee)
    }

    /// Runs `body` with exclusive access to the value if the lock is free right now, without
    /// waiting (and without the brief spin of ``withLock(_:)``); returns whether it ran.
    @inlinable @inline(__always)
    public func withLockIfAvailable(_ body: (inout Value) -> Void) -> Bool {
        guard pthread_mutex_trylock(mutex) == 0 else { return false }
        body(&value.pointee)
        pthread_mutex_unlock(mutex)
        return true
    }
}

// The value is only ever read or written inside `withLock`, between `pthread_mutex_lock` and
// `pthread_mutex_unlock` on the one mutex this object owns, so sharing the box across threads is
// safe whenever the value itself may cross threads.
extension Locked: @unchecked Sendable where Value: Sendable & ~Copyable {}
