#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore

extension POSIX {
    /// Creates a new file that must not exist yet (`O_CREAT | O_EXCL`), open for appending (and
    /// for reading too when `readable`).
    static func createExclusive(_ path: String, permissions: mode_t, readable: Bool = false) -> Result<Int32, Errno> {
        while true {
            let fd = open(path, (readable ? O_RDWR : O_WRONLY) | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// `link(2)`: a second name for an existing file; fails with `EEXIST` rather than replace.
    static func hardLink(_ existing: String, _ new: String) -> Errno? {
        link(existing, new) == 0 ? nil : .current
    }

    /// `rename(2)`, which atomically replaces `new` if it exists.
    static func renameReplacing(_ old: String, _ new: String) -> Errno? {
        rename(old, new) == 0 ? nil : .current
    }

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

    /// `unlink(2)`.
    @discardableResult
    static func removeFile(_ path: String) -> Errno? {
        unlink(path) == 0 ? nil : .current
    }

    /// Whether anything exists at `path` (`lstat(2)` succeeds).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// `fsync(2)` of a directory, so that renames and links in it survive power loss.
    static func syncDirectory(_ path: String) -> Errno? {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return .current }
        defer { close(fd) }
        return fsync(fd) == 0 ? nil : .current
    }

    /// The names in a directory, without `.` and `..`.
    static func directoryEntries(_ path: String) -> Result<[String], Errno> {
        guard let dir = opendir(path) else { return .failure(.current) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.prefix(while: { $0 != 0 })
                return String(decoding: bytes, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
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

    /// Reads a small file whole (at most `limit` bytes).
    static func readSmallFile(_ path: String, limit: Int = 4096) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: limit)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, limit) }
        return n >= 0 ? Array(buffer.prefix(n)) : nil
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, then `rename(2)`.
    static func writeFileAtomically(_ path: String, _ bytes: [UInt8], permissions: mode_t) -> Errno? {
        let temporary = path + ".tmp"
        removeFile(temporary)
        let fd: Int32
        switch createExclusive(temporary, permissions: permissions) {
        case .success(let opened): fd = opened
        case .failure(let errno): return errno
        }
        let result = bytes.withUnsafeBytes { writeAll(fd, $0) }
        closeDescriptor(fd)
        if let error = result.error {
            removeFile(temporary)
            return error
        }
        if let error = renameReplacing(temporary, path) {
            removeFile(temporary)
            return error
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
