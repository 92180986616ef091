import RotorCore
import RotorLibc
import RotorSystem

extension FileChannel {
    /// The active file as opened: its descriptor, size and identity.
    struct OpenedFile {
        var descriptor: Int32
        var size: Int64
        var identity: FileIdentity?
        /// The bytes of a torn last line that were cut off (see ``openActiveFile(_:in:permissions:cutsTornTail:)``).
        var tornBytesRemoved: Int64 = 0
    }

    /// Opens the active file, by name relative to `directory` and never through a symbolic link,
    /// for appending (and reading, so that a torn tail can be seen and records salvaged from it).
    ///
    /// A file that does not end with a newline holds the start of a record that a crash or a full
    /// disk cut short: a line no reader can parse, and that was never acknowledged. With
    /// `cutsTornTail` (a rotating file, which this process owns through the cross-process lock)
    /// the fragment is cut off (`ftruncate` back to the last newline). Otherwise (a plain file,
    /// which other processes may be appending to) a `\n` is appended, so the next record at least
    /// starts on a line of its own.
    ///
    /// - Throws: ``SinkError`` `.pathIsSymbolicLink` when a link has the file's name (`ELOOP`),
    ///   `.openFailed` otherwise.
    static func openActiveFile(
        _ path: ResolvedFilePath, in directory: DirectoryHandle, permissions: UInt32, cutsTornTail: Bool
    ) throws -> OpenedFile {
        var result = directory.openForAppend(path.name, permissions: mode_t(permissions), readable: true)
        if case .failure(let errno) = result, errno.rawValue == EACCES {
            // A file the process may append to but not read.
            result = directory.openForAppend(path.name, permissions: mode_t(permissions))
        }
        switch result {
        case .success(let descriptor):
            return finishOpening(descriptor, cutsTornTail: cutsTornTail)
        case .failure(let errno) where errno.rawValue == ELOOP:
            throw SinkError(
                .pathIsSymbolicLink, "the log file path is a symbolic link; Rotor never writes through one",
                field: "path", path: path.given, cause: errno)
        case .failure(let errno):
            throw SinkError(.openFailed, "cannot open the log file for appending", path: path.given, cause: errno)
        }
    }

    private static func finishOpening(_ descriptor: Int32, cutsTornTail: Bool) -> OpenedFile {
        guard case .success(let info) = POSIX.status(of: descriptor), POSIX.isRegularFile(info) else {
            return OpenedFile(descriptor: descriptor, size: 0, identity: nil)
        }
        var opened = OpenedFile(descriptor: descriptor, size: Int64(info.st_size), identity: FileIdentity(info))
        guard let last = POSIX.lastByte(of: descriptor, size: opened.size), last != UInt8(ascii: "\n") else {
            return opened
        }
        if cutsTornTail, let kept = POSIX.lengthThroughLastNewline(of: descriptor, size: opened.size),
            POSIX.truncate(descriptor, to: kept) == nil
        {
            opened.tornBytesRemoved = opened.size - kept
            opened.size = kept
        } else {
            let newline: [UInt8] = [UInt8(ascii: "\n")]
            if newline.withUnsafeBytes({ POSIX.writeAll(descriptor, $0) }).error == nil { opened.size += 1 }
        }
        return opened
    }

    /// Counts and reports the torn tail that opening `opened` cut off, if any.
    func reportTornTail(of opened: OpenedFile, in directory: DirectoryHandle) {
        guard opened.tornBytesRemoved > 0 else { return }
        let bytes = opened.tornBytesRemoved
        counters.update {
            $0.tornTailsRemoved += 1
            $0.tornTailBytesRemoved += Int(bytes)
        }
        let file = FilePathText.join(directory.path, path.name)
        reporter.failed(
            .open, path: file,
            cause: SinkError(
                .tornRecordRemoved,
                "the file ended with \(bytes) bytes of a record cut short (a crash or a full disk); they were removed",
                path: file))
        reporter.succeeded(.open)
    }

    /// Whether `name` in `directory` is a regular file or does not exist yet.
    static func isRegularFileOrMissing(_ name: String, in directory: DirectoryHandle) -> Bool {
        switch directory.status(of: name) {
        case .success(let info): POSIX.isRegularFile(info)
        case .failure: true
        }
    }
}
