import RotorCore
import RotorLibc

/// The handful of system calls the reading commands use, as small non-throwing wrappers that
/// return ``SystemCallError`` values and retry `EINTR`.
///
/// Nothing here changes a file: `prune` deletes and compresses through a `DirectoryHandle`
/// (RotorSystem), relative to the log directory's descriptor and never through a symbolic link.
enum FileSystem {
    /// What `stat(2)` says about one file.
    struct Info {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var isRegular: Bool
        var isDirectory: Bool
        /// The number of names (hard links) the file has.
        var linkCount: UInt64

        init(_ raw: stat) {
            device = UInt64(raw.st_dev)
            inode = UInt64(raw.st_ino)
            linkCount = UInt64(raw.st_nlink)
            size = Int64(raw.st_size)
            isRegular = (raw.st_mode & S_IFMT) == S_IFREG
            isDirectory = (raw.st_mode & S_IFMT) == S_IFDIR
        }

        /// Whether two infos describe the same file (device and inode).
        func isSameFile(as other: Info) -> Bool { device == other.device && inode == other.inode }
    }

    /// `lstat(2)`: a symbolic link is described, not followed.
    static func linkInfo(_ path: String) -> Result<Info, SystemCallError> {
        var raw = stat()
        return lstat(path, &raw) == 0 ? .success(Info(raw)) : .failure(.current)
    }

    /// `stat(2)`: symbolic links are followed.
    static func info(_ path: String) -> Result<Info, SystemCallError> {
        var raw = stat()
        return stat(path, &raw) == 0 ? .success(Info(raw)) : .failure(.current)
    }

    /// `fstat(2)`.
    static func info(of fd: Int32) -> Result<Info, SystemCallError> {
        var raw = stat()
        return fstat(fd, &raw) == 0 ? .success(Info(raw)) : .failure(.current)
    }

    /// `open(O_RDONLY | O_CLOEXEC)`.
    static func openForReading(_ path: String) -> Result<Int32, SystemCallError> {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// `close(2)`.
    static func close(_ fd: Int32) {
        _ = closeDescriptor(fd)
    }

    /// `read(2)` into `buffer`; 0 at the end of the file.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, SystemCallError> {
        while true {
            let n = readDescriptor(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return .success(n) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// `pread(2)` into `buffer` at `offset`; fewer bytes only at the end of the file.
    static func read(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64
    ) -> Result<Int, SystemCallError> {
        var filled = 0
        while filled < buffer.count {
            let n = pread(fd, buffer.baseAddress! + filled, buffer.count - filled, off_t(offset) + off_t(filled))
            if n > 0 {
                filled += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                return .failure(.current)
            }
        }
        return .success(filled)
    }

    /// `lseek(2)` to an absolute offset.
    static func seek(_ fd: Int32, to offset: Int64) -> SystemCallError? {
        lseek(fd, off_t(offset), SEEK_SET) < 0 ? .current : nil
    }

    /// Calls `body` with each name in the directory open as `directory` (without `.` and `..`),
    /// in `readdir(3)` order, one at a time: no listing is held, so memory does not grow with the
    /// number of entries.
    ///
    /// The directory is read through a descriptor of its own (`openat(directory, ".")`), so that
    /// `directory`'s position and lifetime are untouched.
    static func forEachEntry(ofDirectory directory: Int32, _ body: (String) throws -> Void) rethrows -> SystemCallError?
    {
        let fd = openat(directory, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return .current }
        guard let handle = fdopendir(fd) else {
            let error = SystemCallError.current
            close(fd)
            return error
        }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { try body(name) }
        }
        return nil
    }

    /// `fstatat(2)` of `name` in the directory open as `directory`, not following a symbolic link.
    static func linkInfo(of name: String, inDirectory directory: Int32) -> Result<Info, SystemCallError> {
        var raw = stat()
        return fstatat(directory, name, &raw, AT_SYMLINK_NOFOLLOW) == 0 ? .success(Info(raw)) : .failure(.current)
    }

    /// `directory/name` (no doubled `/`).
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// `close(2)` outside the enum, so that the name is the C function's.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }

/// `read(2)` outside the enum, so that the name is the C function's.
private func readDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
