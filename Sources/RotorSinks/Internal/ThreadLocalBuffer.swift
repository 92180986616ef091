#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte buffer per thread, reused for formatting so that steady-state logging allocates nothing
/// for its output bytes.
///
/// The buffer is handed out exclusively: a nested use on the same thread (a formatter whose
/// metadata logs while being described) gets a fresh local buffer instead. After a use that grew
/// the buffer beyond ``retainedCapacity`` (a huge message), the storage is released so one large
/// record does not pin memory in every thread.
enum ThreadLocalBuffer {
    static let retainedCapacity = 1 << 20

    private final class Box {
        var bytes: [UInt8] = []
        var inUse = false
        init() { bytes.reserveCapacity(512) }
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
    static func withBuffer<Result>(_ body: (inout [UInt8]) -> Result) -> Result {
        let box: Box
        if let pointer = pthread_getspecific(key) {
            box = Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as! Box
        } else {
            box = Box()
            pthread_setspecific(key, Unmanaged<AnyObject>.passRetained(box).toOpaque())
        }
        guard !box.inUse else {
            var local: [UInt8] = []
            return body(&local)
        }
        box.inUse = true
        defer {
            if box.bytes.capacity > retainedCapacity {
                box.bytes = []
            } else {
                box.bytes.removeAll(keepingCapacity: true)
            }
            box.inUse = false
        }
        return body(&box.bytes)
    }
}
