import CRotorSystem
package import RotorCore
package import RotorLibc

/// Thin, non-throwing wrappers over the system calls Rotor uses, for every module (the one platform
/// layer; directory-relative operations are on ``DirectoryHandle``). Every call that can be
/// interrupted loops over `EINTR`; results are ``RotorCore/SystemCallError`` values instead of a global `errno`.
package enum POSIX {
    /// How many times in a row a write that failed with a transient error (`EIO`, `EAGAIN`) is
    /// tried again at once, before the failure is reported and backoff starts.
    package static let immediateWriteRetries = 3

    /// Writes every byte of `bytes`, looping over partial writes and `EINTR`. A transient error
    /// (`EIO`, `EAGAIN`) is retried at once, up to ``immediateWriteRetries`` times in a row; the
    /// errors with a remedy of their own (`ENOSPC`, `EDQUOT`, `EFBIG`) and every other one stop
    /// the loop at once.
    /// - Returns: the bytes written, and the error that stopped the loop early, if any.
    package static func writeAll(
        _ fd: Int32, _ bytes: UnsafeRawBufferPointer
    ) -> (written: Int, error: SystemCallError?) {
        guard var base = bytes.baseAddress else { return (0, nil) }
        var remaining = bytes.count
        var written = 0
        var retries = 0
        while remaining > 0 {
            let n = write(fd, base, remaining)
            if n > 0 {
                written += n
                remaining -= n
                base += n
                retries = 0
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EIO || errno == EAGAIN) && retries < immediateWriteRetries {
                retries += 1
                continue
            } else {
                // n == 0 cannot happen for a regular file; treat it as an I/O error rather than spin.
                return (written, n == 0 ? .ioError : .current)
            }
        }
        return (written, nil)
    }

    /// `fstat(2)` of an open descriptor.
    package static func status(of fd: Int32) -> Result<stat, SystemCallError> {
        var info = stat()
        return fstat(fd, &info) == 0 ? .success(info) : .failure(.current)
    }

    /// `lstat(2)` of a path (not following symlinks).
    package static func lstatus(ofPath path: String) -> Result<stat, SystemCallError> {
        var info = stat()
        return lstat(path, &info) == 0 ? .success(info) : .failure(.current)
    }

    /// `stat(2)` of a path (following symlinks).
    package static func status(ofPath path: String) -> Result<stat, SystemCallError> {
        var info = stat()
        return stat(path, &info) == 0 ? .success(info) : .failure(.current)
    }

    /// Closes a descriptor. `EINTR` from `close` is not retried: on Linux the descriptor is already gone.
    @discardableResult
    package static func closeDescriptor(_ fd: Int32) -> SystemCallError? {
        close(fd) == 0 ? nil : .current
    }

    /// Creates `path` and any missing parents with mode 0755.
    package static func makeDirectories(_ path: String) -> SystemCallError? {
        if case .success(let info) = status(ofPath: path) {
            return isDirectory(info) ? nil : SystemCallError(rawValue: ENOTDIR)
        }
        let parent = directory(of: path)
        if parent != path, !parent.isEmpty, let error = makeDirectories(parent) { return error }
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
        return .current
    }

    /// The canonical absolute path (`realpath(3)`), resolving `.`, `..` and symlinks.
    package static func realPath(_ path: String) -> Result<String, SystemCallError> {
        guard let resolved = realpath(path, nil) else { return .failure(.current) }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    package static func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }
    package static func isRegularFile(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG }
    package static func isSymbolicLink(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFLNK }
    package static func isCharacterDevice(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFCHR }

    /// `fdatasync(2)` (or `fsync` where it does not exist), looping over `EINTR`.
    package static func syncData(_ fd: Int32) -> SystemCallError? {
        while true {
            #if canImport(Darwin)
            let rc = fsync(fd)
            #else
            let rc = fdatasync(fd)
            #endif
            if rc == 0 { return nil }
            if errno != EINTR { return .current }
        }
    }

    /// Appends the bytes of the file open as `source` from `start` on (read with `pread(2)`, so
    /// its offset is untouched) to `destination`. Returns the bytes copied, or the first error.
    package static func copyContents(
        of source: Int32, from start: Int64 = 0, to destination: Int32
    ) -> Result<Int64, SystemCallError> {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = start
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(source, $0.baseAddress, $0.count, off_t(offset)) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.current)
            }
            if count == 0 { return .success(offset - start) }
            let (_, error) = chunk.withUnsafeBytes {
                writeAll(destination, UnsafeRawBufferPointer(rebasing: $0[..<count]))
            }
            if let error { return .failure(error) }
            offset += Int64(count)
        }
    }

    /// The last byte of an open file, or `nil` if it is empty or cannot be read (`pread(2)`;
    /// a write-only descriptor cannot).
    package static func lastByte(of fd: Int32, size: Int64) -> UInt8? {
        guard size > 0 else { return nil }
        var byte: UInt8 = 0
        return pread(fd, &byte, 1, off_t(size - 1)) == 1 ? byte : nil
    }

    /// The length of the file open as `fd` (of `size` bytes) up to and including its last `\n`,
    /// 0 if it has none; `nil` if it cannot be read. Reads backwards in 64 KiB chunks.
    package static func lengthThroughLastNewline(of fd: Int32, size: Int64) -> Int64? {
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
    package static func truncate(_ fd: Int32, to length: Int64) -> SystemCallError? {
        while ftruncate(fd, off_t(length)) != 0 {
            if errno != EINTR { return .current }
        }
        return nil
    }

    /// Names the calling thread, as `top -H` and debuggers show it (Linux keeps 15 bytes).
    package static func nameCurrentThread(_ name: String) {
        _ = rotor_name_current_thread(name)
    }

    /// A monotonic instant in nanoseconds, for measuring pauses.
    package static func monotonicNanoseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int(spec.tv_sec) * 1_000_000_000 + Int(spec.tv_nsec)
    }

    /// Opens an existing file for reading (`O_RDONLY | O_CLOEXEC`).
    package static func openForReading(_ path: String) -> Result<Int32, SystemCallError> {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// Creates a new file that must not exist yet (`O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC`).
    package static func createExclusive(_ path: String, permissions: mode_t) -> Result<Int32, SystemCallError> {
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// Reads at most `buffer.count` bytes (`read(2)`), looping over `EINTR`.
    /// - Returns: the number of bytes read, 0 at the end of the file.
    package static func readSome(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer
    ) -> Result<Int, SystemCallError> {
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return .success(n) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// Fills `buffer` unless the end of the file comes first, looping over short reads and `EINTR`.
    /// - Returns: the number of bytes read; less than `buffer.count` only at the end of the file.
    package static func readFully(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer
    ) -> Result<Int, SystemCallError> {
        var filled = 0
        while filled < buffer.count {
            let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])
            switch readSome(fd, into: rest) {
            case .success(0): return .success(filled)
            case .success(let n): filled += n
            case .failure(let error): return .failure(error)
            }
        }
        return .success(filled)
    }

    /// `lseek(2)` back to the start of an open file.
    package static func rewind(_ fd: Int32) -> SystemCallError? {
        lseek(fd, 0, SEEK_SET) < 0 ? .current : nil
    }

    /// The size in bytes that `stat` reports.
    package static func size(_ info: stat) -> Int64 { Int64(info.st_size) }

    /// `fsync(2)` (data and metadata, the size and mode included), looping over `EINTR`.
    package static func syncFile(_ fd: Int32) -> SystemCallError? {
        while true {
            if fsync(fd) == 0 { return nil }
            if errno != EINTR { return .current }
        }
    }

    /// `unlink(2)`.
    @discardableResult
    package static func removeFile(_ path: String) -> SystemCallError? {
        unlink(path) == 0 ? nil : .current
    }

    /// The directory that holds `path`: the text before the last `/`, `/` for a file in the root,
    /// `.` for a bare name.
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = path[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}
