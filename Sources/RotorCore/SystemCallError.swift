import RotorLibc

/// A POSIX error number (`errno`) that a system call returned, as the `cause` of Rotor's errors
/// and failure reports.
///
/// Called `Errno` before; renamed so that it does not clash with swift-system's and swift-nio's
/// `Errno` in a file that imports Rotor and one of them.
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The raw `errno` value.
    public var rawValue: Int32

    /// Wraps a raw `errno` value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's current `errno`.
    public static var current: SystemCallError { SystemCallError(rawValue: errno) }

    /// `ENOSPC`: no space left on device.
    public static var noSpace: SystemCallError { SystemCallError(rawValue: ENOSPC) }
    /// `EFBIG`: file too large.
    public static var fileTooLarge: SystemCallError { SystemCallError(rawValue: EFBIG) }
    /// `EACCES`: permission denied.
    public static var permissionDenied: SystemCallError { SystemCallError(rawValue: EACCES) }
    /// `ENOENT`: no such file or directory.
    public static var noSuchFileOrDirectory: SystemCallError { SystemCallError(rawValue: ENOENT) }
    /// `EMFILE`: too many open files.
    public static var tooManyOpenFiles: SystemCallError { SystemCallError(rawValue: EMFILE) }
    /// `EIO`: input/output error.
    public static var ioError: SystemCallError { SystemCallError(rawValue: EIO) }
    /// `EXDEV`, `EPERM` or `ENOTSUP` from `link(2)`: hard links not possible here.
    public static var crossDevice: SystemCallError { SystemCallError(rawValue: EXDEV) }

    /// The symbolic name and `strerror` text, for example `ENOSPC (No space left on device)`.
    public var description: String {
        let text = String(cString: strerror(rawValue))
        return "errno \(rawValue) (\(text))"
    }
}
