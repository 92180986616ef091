#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore

extension POSIX {
    /// Appends the bytes of the file open as `source` from `start` on (read with `pread(2)`, so
    /// its offset is untouched) to `destination`. Returns the bytes copied, or the first error.
    static func copyContents(of source: Int32, from start: Int64 = 0, to destination: Int32) -> Result<Int64, Errno> {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = start
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(source, $0.baseAddress, $0.count, off_t(offset)) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.current)
            }
            if count == 0 { return .success(offset - start) }
            let (_, error) = chunk.withUnsafeBytes { writeAll(destination, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if let error { return .failure(error) }
            offset += Int64(count)
        }
    }

    /// The last byte of an open file, or `nil` if it is empty or cannot be read (`pread(2)`;
    /// a write-only descriptor cannot).
    static func lastByte(of fd: Int32, size: Int64) -> UInt8? {
        guard size > 0 else { return nil }
        var byte: UInt8 = 0
        return pread(fd, &byte, 1, off_t(size - 1)) == 1 ? byte : nil
    }

    /// The length of the file open as `fd` (of `size` bytes) up to and including its last `\n`,
    /// 0 if it has none; `nil` if it cannot be read. Reads backwards in 64 KiB chunks.
    static func lengthThroughLastNewline(of fd: Int32, size: Int64) -> Int64? {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var end = size
        while end > 0 {
            let start = max(0, end - Int64(chunk.count))
            let wanted = Int(end - start)
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, wanted, off_t(start)) }
            if count < 0, errno == EINTR { continue }
            guard count == wanted else { return nil }
            if let index = chunk[..<wanted].lastIndex(of: UInt8(ascii: "\n")) { return start + Int64(index) + 1 }
            end = start
        }
        return 0
    }

    /// `ftruncate(2)`, looping over `EINTR`.
    static func truncate(_ fd: Int32, to length: Int64) -> Errno? {
        while ftruncate(fd, off_t(length)) != 0 {
            if errno != EINTR { return .current }
        }
        return nil
    }

    /// A monotonic instant in nanoseconds, for measuring pauses.
    static func monotonicNanoseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int(spec.tv_sec) * 1_000_000_000 + Int(spec.tv_nsec)
    }
}
