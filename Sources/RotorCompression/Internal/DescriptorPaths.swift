import RotorLibc
import RotorSystem

/// Paths for a custom ``ArchiveCompressor``'s path-based methods that lead to what
/// ``ArchiveCompression`` opened itself, so that a symbolic link planted in the log directory
/// cannot redirect them.
///
/// On Linux, `/proc/self/fd/<fd>` is the very file open as `fd`, and
/// `/proc/self/fd/<dirfd>/<name>` the name `name` in the directory open as `dirfd`, whatever
/// became of their paths since. The last component of the second form is resolved by the
/// compressor's own `open`: it creates the file with `O_CREAT | O_EXCL`, which never follows a
/// link. The built-in ``GzipCompressor`` never needs these paths: it works on the descriptors.
///
/// Fallback: where there is no `/proc` (other systems, or `/proc` not mounted), the path through
/// the directory's path, which a planted link can redirect, as a path-based API always could.
enum DescriptorPaths {
    /// A path to the file open as `fd`, or `fallback`.
    static func file(_ fd: Int32, orElse fallback: String) -> String {
        #if os(Linux)
        let path = "/proc/self/fd/\(fd)"
        if access(path, F_OK) == 0 { return path }
        #endif
        return fallback
    }

    /// A path to the name `name` in `directory`, or `fallback`.
    static func name(_ name: String, in directory: DirectoryHandle, orElse fallback: String) -> String {
        #if os(Linux)
        let path = "/proc/self/fd/\(directory.descriptor)"
        if access(path, F_OK) == 0 { return path + "/" + name }
        #endif
        return fallback
    }
}
