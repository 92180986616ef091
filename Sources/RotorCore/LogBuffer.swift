/// A growable byte buffer that formatters write records into.
///
/// `LogBuffer` is Rotor's output buffer: a pointer, a count and a capacity, with one capacity
/// check per append and no reference counting, uniqueness check or copy-on-write. Sinks keep one
/// per thread (or per queue) and clear it between records, so steady-state formatting allocates
/// nothing.
///
/// It is non-copyable: it owns its storage and frees it when it goes away, and the compiler
/// rejects accidental copies. Pass it `inout` to write to it, `borrowing` to read it.
///
/// ```swift
/// var buffer = LogBuffer()
/// formatter.format(record, into: &buffer)
/// print(buffer.text, terminator: "")   // the record's line
/// buffer.removeAll()                   // keeps the capacity for the next record
/// ```
public struct LogBuffer: ~Copyable {
    @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline var byteCount: Int
    @usableFromInline var byteCapacity: Int

    /// Creates an empty buffer with room for at least `minimumCapacity` bytes.
    public init(minimumCapacity: Int = 256) {
        let capacity = max(16, minimumCapacity)
        storage = .allocate(capacity: capacity)
        byteCount = 0
        byteCapacity = capacity
    }

    deinit { storage.deallocate() }

    /// The number of bytes written.
    @inlinable
    public var count: Int { byteCount }

    /// Whether nothing has been written.
    @inlinable
    public var isEmpty: Bool { byteCount == 0 }

    /// The number of bytes the buffer holds before it grows.
    @inlinable
    public var capacity: Int { byteCapacity }

    /// The last byte, or `nil` when the buffer is empty.
    @inlinable
    public var last: UInt8? { byteCount == 0 ? nil : storage[byteCount &- 1] }

    /// Reads or replaces the byte at `index` (`0..<count`).
    @inlinable
    public subscript(index: Int) -> UInt8 {
        get {
            precondition(index >= 0 && index < byteCount, "LogBuffer index out of range")
            return storage[index]
        }
        set {
            precondition(index >= 0 && index < byteCount, "LogBuffer index out of range")
            storage[index] = newValue
        }
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if byteCount == byteCapacity { grow(toHold: 1) }
        storage[byteCount] = byte
        byteCount &+= 1
    }

    /// Appends the bytes of `bytes`.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        append(source, count: bytes.count)
    }

    /// Appends the bytes of `bytes`.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        append(source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    }

    /// Appends `count` bytes starting at `source`.
    @inlinable @inline(__always)
    public mutating func append(_ source: UnsafePointer<UInt8>, count: Int) {
        if byteCapacity &- byteCount < count { grow(toHold: count) }
        let destination = storage + byteCount
        // Most pieces of a log line are short (keys, numbers, punctuation): copy those with one or
        // two overlapping word moves instead of a call to memcpy.
        if count <= 16 {
            if count >= 8 {
                let raw = UnsafeRawPointer(source)
                let out = UnsafeMutableRawPointer(destination)
                out.storeBytes(of: raw.loadUnaligned(as: UInt64.self), as: UInt64.self)
                out.storeBytes(
                    of: raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self),
                    toByteOffset: count &- 8, as: UInt64.self)
            } else if count >= 4 {
                let raw = UnsafeRawPointer(source)
                let out = UnsafeMutableRawPointer(destination)
                out.storeBytes(of: raw.loadUnaligned(as: UInt32.self), as: UInt32.self)
                out.storeBytes(
                    of: raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self),
                    toByteOffset: count &- 4, as: UInt32.self)
            } else {
                var index = 0
                while index < count {
                    destination[index] = source[index]
                    index &+= 1
                }
            }
        } else {
            destination.update(from: source, count: count)
        }
        byteCount &+= count
    }

    /// Appends the bytes of an array.
    @inlinable
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends the bytes of any sequence of bytes.
    @inlinable
    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { append($0) }
        if handled == nil {
            for byte in bytes { append(byte) }
        }
    }

    /// Appends the UTF-8 bytes of `string`, unescaped. (A string literal picks the faster
    /// `StaticString` overload.)
    @inlinable @_disfavoredOverload
    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    /// Appends the UTF-8 bytes of a string literal, unescaped.
    @inlinable
    public mutating func append(_ string: StaticString) {
        if string.hasPointerRepresentation {
            append(string.utf8Start, count: string.utf8CodeUnitCount)
        } else {
            string.withUTF8Buffer { append($0) }
        }
    }

    /// Lets `body` write at most `maximumCount` bytes in place, then keeps the number of bytes it
    /// says it wrote. The fastest way to append a short, bounded piece such as a number.
    ///
    /// - Parameters:
    ///   - maximumCount: The most bytes `body` may write.
    ///   - body: Writes from the pointer it is given and returns how many bytes it wrote
    ///     (`0...maximumCount`).
    @inlinable @inline(__always)
    public mutating func appendInPlace(maximumCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if byteCapacity &- byteCount < maximumCount { grow(toHold: maximumCount) }
        let written = body(storage + byteCount)
        precondition(written >= 0 && written <= maximumCount, "LogBuffer.appendInPlace wrote out of bounds")
        byteCount &+= written
    }

    /// Overwrites the bytes of `value` at `offset` (which must be within the written bytes), in
    /// native byte order, at any alignment: for a length written before the bytes it counts.
    @inlinable
    package mutating func storeBytes<Value: BitwiseCopyable>(of value: Value, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<Value>.size <= byteCount, "LogBuffer.storeBytes out of range")
        UnsafeMutableRawPointer(storage + offset).storeBytes(of: value, as: Value.self)
    }

    /// Appends a copy of the buffer's own bytes `start..<end` (within the written bytes).
    @inlinable
    package mutating func appendCopy(from start: Int, to end: Int) {
        precondition(start >= 0 && start <= end && end <= byteCount, "LogBuffer.appendCopy out of range")
        let count = end &- start
        // Grow first, so that the source does not move during the copy.
        if byteCapacity &- byteCount < count { grow(toHold: count) }
        append(storage + start, count: count)
    }

    /// Moves the bytes from `source` to the end down to `destination` (`destination <= source`),
    /// dropping the bytes in between.
    @inlinable
    package mutating func moveTail(from source: Int, to destination: Int) {
        precondition(
            destination >= 0 && destination <= source && source <= byteCount, "LogBuffer.moveTail out of range")
        let count = byteCount &- source
        UnsafeMutableRawPointer(storage + destination).copyMemory(from: storage + source, byteCount: count)
        byteCount = destination &+ count
    }

    /// Removes every byte; keeps the storage unless `keepingCapacity` is `false`.
    public mutating func removeAll(keepingCapacity: Bool = true) {
        byteCount = 0
        if !keepingCapacity && byteCapacity > 256 {
            storage.deallocate()
            storage = .allocate(capacity: 256)
            byteCapacity = 256
        }
    }

    /// Shortens the buffer to its first `newCount` bytes (`0...count`).
    @inlinable
    public mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= byteCount, "LogBuffer.truncate(to:) beyond the end")
        byteCount = newCount
    }

    /// Calls `body` with the written bytes. The pointer is valid only inside `body`.
    @inlinable
    public func withUnsafeBytes<Result: ~Copyable, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: storage, count: byteCount))
    }

    /// A copy of the written bytes.
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: byteCount))
    }

    /// The written bytes decoded as UTF-8 (ill-formed sequences become U+FFFD).
    public var text: String {
        String(decoding: UnsafeBufferPointer(start: storage, count: byteCount), as: UTF8.self)
    }

    /// Makes room for `needed` more bytes: doubles the capacity at least, so appends are amortised
    /// constant time.
    @usableFromInline @inline(never)
    mutating func grow(toHold needed: Int) {
        let (required, overflow) = byteCount.addingReportingOverflow(needed)
        precondition(!overflow, "LogBuffer size overflow")
        var newCapacity = max(byteCapacity, 16)
        while newCapacity < required { newCapacity = newCapacity &<< 1 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: byteCount)
        storage.deallocate()
        storage = newStorage
        byteCapacity = newCapacity
    }
}

// A `LogBuffer` owns its storage alone: it is non-copyable, so no two values share the pointer,
// and every mutation goes through `inout` access that the compiler checks for exclusivity.
// Sending one to another thread moves the storage with it, like an `Array`.
extension LogBuffer: @unchecked Sendable {}
