#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore
import RotorRotation

extension FileChannel {
    /// The active file as opened: its descriptor, size and identity.
    struct OpenedFile {
        var descriptor: Int32
        var size: Int64
        var identity: FileIdentity?
    }

    /// Opens the active path for appending. If the file does not end with a newline (a line torn by
    /// a crash), a `\n` is appended so the next record starts on a line of its own.
    static func openActiveFile(_ path: ResolvedFilePath, permissions: UInt32) throws -> OpenedFile {
        let descriptor: Int32
        switch POSIX.openForAppend(path.canonical, permissions: mode_t(permissions)) {
        case .success(let fd): descriptor = fd
        case .failure(let errno):
            throw SinkError(.openFailed, "cannot open the log file for appending", path: path.given, cause: errno)
        }
        return finishOpening(descriptor, path: path)
    }

    private static func finishOpening(_ descriptor: Int32, path: ResolvedFilePath) -> OpenedFile {
        guard case .success(let info) = POSIX.status(of: descriptor), POSIX.isRegularFile(info) else {
            return OpenedFile(descriptor: descriptor, size: 0, identity: nil)
        }
        var size = Int64(info.st_size)
        if let last = POSIX.lastByte(ofPath: path.canonical, size: size), last != UInt8(ascii: "\n") {
            let newline: [UInt8] = [UInt8(ascii: "\n")]
            if newline.withUnsafeBytes({ POSIX.writeAll(descriptor, $0) }).error == nil { size += 1 }
        }
        return OpenedFile(descriptor: descriptor, size: size, identity: FileIdentity(info))
    }

    /// Checks that the path still names the open file. If the file was moved or deleted (or its
    /// directory removed), reopens the path; if it was truncated (copytruncate), resets the byte
    /// counter to the file's real size.
    func checkForExternalChange(
        _ state: inout State, now: LogTimestamp, pendingRecords: Int, after: inout Aftermath
    ) {
        let writtenSinceCheck = state.recordsSinceCheck - pendingRecords
        state.recordsSinceCheck = 0
        state.lastCheck = now
        // Right after a rotation the path still names the file that ended until the names are
        // switched: that is not an external change.
        guard !namesArePending else { return }
        guard case .success(let open) = POSIX.status(of: state.descriptor) else { return }
        let current = POSIX.status(ofPath: path.canonical)
        let detached: Bool
        switch current {
        case .success(let info): detached = open.st_nlink == 0 || FileIdentity(info) != state.identity
        case .failure: detached = true
        }
        if detached {
            guard state.reopenBackoff.mayAttempt(at: now) else { return }
            if writtenSinceCheck > 0 {
                counters.update { $0.recordsWrittenToDetachedFile += writtenSinceCheck }
            }
            reopen(&state, now: now, after: &after)
        } else if Int64(open.st_size) < state.file.bytes - Int64(state.buffer.count) {
            state.file.bytes = Int64(open.st_size) + Int64(state.buffer.count)
        }
    }

    /// Opens the active path afresh (creating its directory if the options allow) and swaps the
    /// descriptor. On failure the old descriptor is kept and the reopen is retried with backoff.
    func reopen(_ state: inout State, now: LogTimestamp, after: inout Aftermath) {
        // Buffered records were logged before the change was noticed: they go to the old file.
        _ = flushBuffer(&state, now: now, after: &after)
        // A rotation's names must be switched before the path is opened again, or the path would
        // still name the file that ended and the prepared file (with the newest records) would be
        // left behind.
        guard finishNames(&state, after: &after) else {
            state.reopenBackoff.failed(at: now)
            return
        }
        if options.createDirectories, !POSIX.exists(path.directory) {
            _ = POSIX.makeDirectories(path.directory)
        }
        let opened: OpenedFile
        do {
            opened = try Self.openActiveFile(path, permissions: configuration.permissions)
        } catch {
            state.reopenBackoff.failed(at: now)
            if let errno = (error as? SinkError)?.cause as? Errno { after.reports.append(.failed(.reopen, errno)) }
            return
        }
        POSIX.closeDescriptor(state.descriptor)
        state.descriptor = opened.descriptor
        state.identity = opened.identity
        if let next = state.next {
            discard(next)
            state.next = nil
        }
        state.file = ActiveFileState(bytes: opened.size, periodStart: now)
        startNewPeriod(&state, now: now, after: &after)
        counters.update { $0.reopenings += 1 }
        if state.reopenBackoff.isFailing {
            state.reopenBackoff.succeeded()
            after.reports.append(.recovered(.reopen))
        }
        if configuration.rotation != nil { after.prepareNextFile = true }
    }
}
