import RotorLibc

/// A POSIX error number, as the `cause` of Rotor's errors and failure reports.
public struct Errno: Error, Sendable, Hashable, CustomStringConvertible {
    /// The raw `errno` value.
    public var rawValue: Int32

    /// Wraps a raw `errno` value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's current `errno`.
    public static var current: Errno { Errno(rawValue: errno) }

    /// `ENOSPC`: no space left on device.
    public static var noSpace: Errno { Errno(rawValue: ENOSPC) }
    /// `EFBIG`: file too large.
    public static var fileTooLarge: Errno { Errno(rawValue: EFBIG) }
    /// `EACCES`: permission denied.
    public static var permissionDenied: Errno { Errno(rawValue: EACCES) }
    /// `ENOENT`: no such file or directory.
    public static var noSuchFileOrDirectory: Errno { Errno(rawValue: ENOENT) }
    /// `EMFILE`: too many open files.
    public static var tooManyOpenFiles: Errno { Errno(rawValue: EMFILE) }
    /// `EIO`: input/output error.
    public static var ioError: Errno { Errno(rawValue: EIO) }
    /// `EXDEV`, `EPERM` or `ENOTSUP` from `link(2)`: hard links not possible here.
    public static var crossDevice: Errno { Errno(rawValue: EXDEV) }

    /// The symbolic name and `strerror` text, for example `ENOSPC (No space left on device)`.
    public var description: String {
        let text = String(cString: strerror(rawValue))
        return "errno \(rawValue) (\(text))"
    }
}
