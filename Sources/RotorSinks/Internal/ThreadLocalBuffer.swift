import RotorCore
import RotorLibc

/// A byte buffer per thread, reused for formatting so that steady-state logging allocates nothing
/// for its output bytes.
///
/// The buffer is handed out exclusively: a nested use on the same thread (a formatter whose
/// metadata logs while being described) gets a fresh local buffer instead. After a use that grew
/// the buffer beyond ``retainedCapacity`` (a huge message), the storage is released so one large
/// record does not pin memory in every thread.
enum ThreadLocalBuffer {
    static let retainedCapacity = 1 << 20

    /// Owns one thread's buffer. The buffer sits behind a pointer so that using it needs no
    /// dynamic exclusivity check (a class's stored `var` would take one per record).
    private final class Box {
        let buffer: UnsafeMutablePointer<LogBuffer>
        var inUse = false

        init() {
            buffer = .allocate(capacity: 1)
            buffer.initialize(to: LogBuffer(minimumCapacity: 512))
        }

        deinit {
            buffer.deinitialize(count: 1)
            buffer.deallocate()
        }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
        precondition(rc == 0, "pthread_key_create failed: \(rc)")
        return key
    }()

    /// Calls `body` with this thread's empty buffer.
    @inline(__always)
    static func withBuffer<Result>(_ body: (inout LogBuffer) -> Result) -> Result {
        if let pointer = pthread_getspecific(key) {
            // The thread-specific slot holds a +1 reference until the thread exits, so the box
            // outlives this call without a retain and release of its own.
            return Unmanaged<Box>.fromOpaque(pointer)._withUnsafeGuaranteedRef { use($0, body) }
        }
        let box = Box()
        pthread_setspecific(key, Unmanaged<AnyObject>.passRetained(box).toOpaque())
        return use(box, body)
    }

    @inline(__always)
    private static func use<Result>(_ box: Box, _ body: (inout LogBuffer) -> Result) -> Result {
        guard !box.inUse else {
            var local = LogBuffer()
            return body(&local)
        }
        box.inUse = true
        defer {
            box.buffer.pointee.removeAll(keepingCapacity: box.buffer.pointee.capacity <= retainedCapacity)
            box.inUse = false
        }
        return body(&box.buffer.pointee)
    }
}
