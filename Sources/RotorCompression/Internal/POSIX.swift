#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore

/// Thin, non-throwing wrappers over the system calls compression uses. Every call that can be
/// interrupted loops over `EINTR`; results are `Errno` values instead of a global `errno`.
///
/// (`RotorSinks` has its own `POSIX`; this module cannot import it, the dependency goes the other
/// way.)
enum POSIX {
    /// Opens an existing file for reading (`O_RDONLY | O_CLOEXEC`).
    static func openForReading(_ path: String) -> Result<Int32, Errno> {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// Creates a new file that must not exist yet (`O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC`).
    static func createExclusive(_ path: String, permissions: mode_t) -> Result<Int32, Errno> {
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// Reads at most `buffer.count` bytes (`read(2)`), looping over `EINTR`.
    /// - Returns: the number of bytes read, 0 at the end of the file.
    static func readSome(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return .success(n) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// Fills `buffer` unless the end of the file comes first, looping over short reads and `EINTR`.
    /// - Returns: the number of bytes read; less than `buffer.count` only at the end of the file.
    static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
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

    /// Writes every byte of `bytes`, looping over partial writes and `EINTR`.
    /// - Returns: `nil`, or the error that stopped the loop early.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Errno? {
        guard var base = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        while remaining > 0 {
            let n = write(fd, base, remaining)
            if n > 0 {
                remaining -= n
                base += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                // n == 0 cannot happen for a regular file; treat it as an I/O error rather than spin.
                return n == 0 ? .ioError : .current
            }
        }
        return nil
    }

    /// `fstat(2)` of an open descriptor.
    static func status(of fd: Int32) -> Result<stat, Errno> {
        var info = stat()
        return fstat(fd, &info) == 0 ? .success(info) : .failure(.current)
    }

    /// `lseek(2)` back to the start of an open file.
    static func rewind(_ fd: Int32) -> Errno? {
        lseek(fd, 0, SEEK_SET) < 0 ? .current : nil
    }

    /// Whether `info` describes a regular file.
    static func isRegularFile(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG }

    /// The size in bytes that `stat` reports.
    static func size(_ info: stat) -> Int64 { Int64(info.st_size) }

    /// `fsync(2)` (data and metadata, the size and mode included), looping over `EINTR`.
    static func syncFile(_ fd: Int32) -> Errno? {
        while true {
            if fsync(fd) == 0 { return nil }
            if errno != EINTR { return .current }
        }
    }

    /// Closes a descriptor. `EINTR` from `close` is not retried: on Linux the descriptor is already gone.
    @discardableResult
    static func closeDescriptor(_ fd: Int32) -> Errno? {
        close(fd) == 0 ? nil : .current
    }

    /// `unlink(2)`.
    @discardableResult
    static func removeFile(_ path: String) -> Errno? {
        unlink(path) == 0 ? nil : .current
    }

    /// The directory that holds `path`: the text before the last `/`, `/` for a file in the root,
    /// `.` for a bare name.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = path[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }
}
