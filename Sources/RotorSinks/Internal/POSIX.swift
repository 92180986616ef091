#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore

/// Thin, non-throwing wrappers over the system calls the file sinks use. Every call loops over
/// `EINTR`; results are `Errno` values instead of a global `errno`.
enum POSIX {
    /// How many times in a row a write that failed with a transient error (`EIO`, `EAGAIN`) is
    /// tried again at once, before the failure is reported and backoff starts.
    static let immediateWriteRetries = 3

    /// Writes every byte of `bytes`, looping over partial writes and `EINTR`. A transient error
    /// (`EIO`, `EAGAIN`) is retried at once, up to ``immediateWriteRetries`` times in a row; the
    /// errors with a remedy of their own (`ENOSPC`, `EDQUOT`, `EFBIG`) and every other one stop
    /// the loop at once.
    /// - Returns: the bytes written, and the error that stopped the loop early, if any.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> (written: Int, error: Errno?) {
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
    static func status(of fd: Int32) -> Result<stat, Errno> {
        var info = stat()
        return fstat(fd, &info) == 0 ? .success(info) : .failure(.current)
    }

    /// `lstat(2)` of a path (not following symlinks).
    static func lstatus(ofPath path: String) -> Result<stat, Errno> {
        var info = stat()
        return lstat(path, &info) == 0 ? .success(info) : .failure(.current)
    }

    /// `stat(2)` of a path (following symlinks).
    static func status(ofPath path: String) -> Result<stat, Errno> {
        var info = stat()
        return stat(path, &info) == 0 ? .success(info) : .failure(.current)
    }

    /// Closes a descriptor. `EINTR` from `close` is not retried: on Linux the descriptor is already gone.
    @discardableResult
    static func closeDescriptor(_ fd: Int32) -> Errno? {
        close(fd) == 0 ? nil : .current
    }

    /// Creates `path` and any missing parents with mode 0755.
    static func makeDirectories(_ path: String) -> Errno? {
        if case .success(let info) = status(ofPath: path) {
            return isDirectory(info) ? nil : Errno(rawValue: ENOTDIR)
        }
        let parent = FilePathText.directory(of: path)
        if parent != path, !parent.isEmpty, let error = makeDirectories(parent) { return error }
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
        return .current
    }

    /// The canonical absolute path (`realpath(3)`), resolving `.`, `..` and symlinks.
    static func realPath(_ path: String) -> Result<String, Errno> {
        guard let resolved = realpath(path, nil) else { return .failure(.current) }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    static func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }
    static func isRegularFile(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG }
    static func isSymbolicLink(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFLNK }
    static func isCharacterDevice(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFCHR }

    /// `fdatasync(2)` (or `fsync` where it does not exist), looping over `EINTR`.
    static func syncData(_ fd: Int32) -> Errno? {
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
}
