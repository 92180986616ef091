import RotorLibc
import RotorSystem

/// Compares a stream of decompressed chunks with the bytes of an open file, in bounded memory.
final class ContentComparer {
    private let fd: Int32
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ZlibBuffers.chunkSize, alignment: 16)

    init(fd: Int32) { self.fd = fd }

    deinit { buffer.deallocate() }

    /// Whether the next `chunk.count` bytes of the file equal `chunk`.
    func matches(_ chunk: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < chunk.count {
            let wanted = min(buffer.count, chunk.count - offset)
            let window = UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted])
            guard case .success(let read) = POSIX.readFully(fd, into: window), read == wanted else { return false }
            guard memcmp(window.baseAddress!, chunk.baseAddress! + offset, wanted) == 0 else { return false }
            offset += wanted
        }
        return true
    }

    /// Whether the file has no bytes left.
    func isAtEnd() -> Bool {
        var byte: UInt8 = 0
        return withUnsafeMutableBytes(of: &byte) { POSIX.readSome(fd, into: $0) } == .success(0)
    }
}
