import CRotorSystem
package import RotorCore
package import RotorLibc

/// An open directory, and every file operation Rotor makes inside it.
///
/// The directory is opened once, by path, when a sink starts: a symbolic link in that path
/// (`/var/log/app -> /data/app`) is resolved then, and never again. Every later operation is
/// relative to the descriptor (`openat`, `fstatat`, `linkat`, `renameat`, `unlinkat`) and takes
/// the last component as a plain name that is never followed through a symbolic link
/// (`O_NOFOLLOW`, `AT_SYMLINK_NOFOLLOW`). So a directory renamed or swapped after the start cannot
/// redirect a write, and a link planted under a name Rotor uses can only make the operation fail
/// (`ELOOP`, `EEXIST`), never reach the link's target.
///
/// Every call loops over `EINTR`; results are ``SystemCallError`` values instead of a global `errno`.
package final class DirectoryHandle: Sendable {
    /// The path the directory was opened by.
    package let path: String
    /// The directory's descriptor (`O_RDONLY | O_DIRECTORY | O_CLOEXEC`), closed by `deinit`.
    package let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Opens the directory at `path` (following symbolic links in it, once).
    package static func open(_ path: String) -> Result<DirectoryHandle, SystemCallError> {
        while true {
            let fd = openDirectoryPath(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 { return .success(DirectoryHandle(path: path, descriptor: fd)) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    /// Which missing directories ``openWithoutFollowingLinks(_:creating:)`` creates.
    package enum Creation: Sendable {
        /// None: a missing component is `ENOENT`.
        case none
        /// The last component only, with this mode (re-creating a removed log directory).
        case last(mode_t)
        /// Every missing component, with this mode (`mkdir -p`).
        case all(mode_t)
    }

    /// Opens the absolute `path` one component at a time from `/`, each with `O_NOFOLLOW`
    /// (`ELOOP` if any component is a symbolic link), creating missing ones as `creating` says.
    ///
    /// For re-opening a directory whose canonical path was resolved once at start: if someone
    /// replaced a component with a link since, the open fails instead of following it.
    package static func openWithoutFollowingLinks(
        _ path: String, creating: Creation = .none
    ) -> Result<DirectoryHandle, SystemCallError> {
        guard path.hasPrefix("/") else { return .failure(SystemCallError(rawValue: EINVAL)) }
        let components = path.split(separator: "/").map(String.init)
        var current = openDirectoryPath("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard current >= 0 else { return .failure(.current) }
        for (index, component) in components.enumerated() {
            let isLast = index == components.count - 1
            var next = openat(current, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT {
                let mode: mode_t? =
                    switch creating {
                    case .none: nil
                    case .last(let mode): isLast ? mode : nil
                    case .all(let mode): mode
                    }
                if let mode, mkdirat(current, component, mode) == 0 || errno == EEXIST {
                    next = openat(current, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                } else {
                    errno = ENOENT
                }
            }
            let error = SystemCallError.current
            close(current)
            guard next >= 0 else { return .failure(error) }
            current = next
        }
        return .success(DirectoryHandle(path: path, descriptor: current))
    }

    /// The directory's own device and inode.
    package var identity: FileIdentity? {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? FileIdentity(info) : nil
    }

    /// Whether the directory was removed (`rmdir`, `rm -rf`): it has no link left.
    package var isRemoved: Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && info.st_nlink == 0
    }

    /// Whether `path` still names this directory (it was not moved, removed or replaced).
    package var isReachable: Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return FileIdentity(info) == identity
    }

    // MARK: - Looking

    /// `fstatat(2)` of `name`, describing a symbolic link rather than following it.
    package func status(of name: String) -> Result<stat, SystemCallError> {
        var info = stat()
        return fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? .success(info) : .failure(.current)
    }

    /// Whether anything, a symbolic link included, has the name `name`.
    package func exists(_ name: String) -> Bool {
        if case .success = status(of: name) { return true }
        return false
    }

    /// The names in the directory, without `.` and `..`.
    package func entries() -> Result<[String], SystemCallError> {
        // fdopendir takes the descriptor over: give it a duplicate, opened afresh so that its
        // position is its own.
        let fd = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.current) }
        guard let dir = fdopendir(fd) else {
            let error = SystemCallError.current
            close(fd)
            return .failure(error)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }

    // MARK: - Opening

    /// Opens (creating if needed) `name` for appending. `O_NONBLOCK` is set while opening, so that
    /// a FIFO without a reader cannot hang the caller, then cleared. `ELOOP` if `name` is a
    /// symbolic link.
    package func openForAppend(
        _ name: String, permissions: mode_t, readable: Bool = false
    ) -> Result<Int32, SystemCallError> {
        let access = readable ? O_RDWR : O_WRONLY
        return openFile(name, access | O_APPEND | O_CREAT | O_NONBLOCK, permissions).map { fd in
            let flags = fcntl(fd, F_GETFL)
            if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
            return fd
        }
    }

    /// Creates `name`, which must not exist (`O_CREAT | O_EXCL`, which never follows a link),
    /// open for appending, and for reading too when `readable`.
    package func createExclusive(
        _ name: String, permissions: mode_t, readable: Bool = false
    ) -> Result<Int32, SystemCallError> {
        openFile(name, (readable ? O_RDWR : O_WRONLY) | O_APPEND | O_CREAT | O_EXCL, permissions)
    }

    /// Opens an existing `name` for reading (`O_NONBLOCK`, so a FIFO cannot hang the caller).
    package func openForReading(_ name: String) -> Result<Int32, SystemCallError> {
        openFile(name, O_RDONLY | O_NONBLOCK, 0)
    }

    /// Opens `name` with `flags` plus `O_NOFOLLOW | O_CLOEXEC`.
    package func openFile(_ name: String, _ flags: Int32, _ permissions: mode_t) -> Result<Int32, SystemCallError> {
        while true {
            let fd = openat(descriptor, name, flags | O_NOFOLLOW | O_CLOEXEC, permissions)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(.current) }
        }
    }

    // MARK: - Naming

    /// `linkat(2)`: gives the file named `existing` (not a link's target) the second name `new`;
    /// `EEXIST` rather than replace anything.
    package func link(_ existing: String, as new: String) -> SystemCallError? {
        linkat(descriptor, existing, descriptor, new, 0) == 0 ? nil : .current
    }

    /// `renameat(2)`, which atomically replaces whatever `new` names (a link is replaced, not followed).
    package func rename(_ old: String, to new: String) -> SystemCallError? {
        renameat(descriptor, old, descriptor, new) == 0 ? nil : .current
    }

    /// Renames `old` to `new` only if `new` does not exist (`EEXIST` otherwise). Where the system
    /// has no such rename, `link` then `unlink` of the old name, which never replaces either.
    package func renameWithoutReplacing(_ old: String, to new: String) -> SystemCallError? {
        let code = rotor_rename_noreplace(descriptor, old, descriptor, new)
        if code == 0 { return nil }
        guard code == EINVAL || code == ENOSYS || code == ENOTSUP else { return SystemCallError(rawValue: code) }
        if let error = link(old, as: new) { return error }
        return remove(old)
    }

    /// `unlinkat(2)` of `name` (a link is removed, never its target).
    @discardableResult
    package func remove(_ name: String) -> SystemCallError? {
        unlinkat(descriptor, name, 0) == 0 ? nil : .current
    }

    /// `unlinkat(2)` that treats an already missing name as success.
    @discardableResult
    package func removeIfPresent(_ name: String) -> SystemCallError? {
        if unlinkat(descriptor, name, 0) == 0 || errno == ENOENT { return nil }
        return .current
    }

    /// `fsync(2)` of the directory, so that names made or removed in it survive power loss.
    package func sync() -> SystemCallError? {
        while true {
            if fsync(descriptor) == 0 { return nil }
            if errno != EINTR { return .current }
        }
    }

    // MARK: - Small files

    /// Reads the regular file `name` whole (at most `limit` bytes); `nil` if it cannot be read.
    package func readSmallFile(_ name: String, limit: Int = 4096) -> [UInt8]? {
        guard case .success(let fd) = openForReading(name) else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var buffer = [UInt8](repeating: 0, count: limit)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, limit) }
        return n >= 0 ? Array(buffer.prefix(n)) : nil
    }

    /// Writes `bytes` to `name` atomically: the temporary file `temporaryName` (any stale one is
    /// removed first), then `renameat(2)` over `name`.
    package func writeFileAtomically(
        _ name: String, temporaryName: String, _ bytes: [UInt8], permissions: mode_t
    ) -> SystemCallError? {
        removeIfPresent(temporaryName)
        let fd: Int32
        switch createExclusive(temporaryName, permissions: permissions) {
        case .success(let opened): fd = opened
        case .failure(let errno): return errno
        }
        var error: SystemCallError?
        var remaining = bytes[...]
        while !remaining.isEmpty, error == nil {
            let n = remaining.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                remaining = remaining.dropFirst(n)
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                error = n == 0 ? .ioError : .current
            }
        }
        close(fd)
        if let error = error ?? rename(temporaryName, to: name) {
            removeIfPresent(temporaryName)
            return error
        }
        return nil
    }
}

/// `open(2)` of a directory path, under a name that does not clash with ``DirectoryHandle/open(_:)``.
private func openDirectoryPath(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}
