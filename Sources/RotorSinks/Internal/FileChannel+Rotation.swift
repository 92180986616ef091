#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore
import RotorRotation
import Synchronization

extension FileChannel {
    /// Rotates now if the file has content and no earlier failure asks to wait; an empty file only
    /// starts a new period (Rotor never archives an empty file).
    func rotateIfPossible(_ state: inout State, now: LogTimestamp, after: inout Aftermath) {
        // Buffered records belong to the file that is ending.
        guard flushBuffer(&state, now: now, after: &after) else { return }
        if state.file.bytes == 0 {
            startNewPeriod(&state, now: now, after: &after)
        } else if state.pendingTail.isEmpty, state.rotationBackoff.mayAttempt(at: now) {
            rotate(&state, now: now, after: &after)
        }
    }

    /// Begins a new period for the (empty) active file at `now`.
    func startNewPeriod(_ state: inout State, now: LogTimestamp, after: inout Aftermath) {
        state.file = ActiveFileState(
            bytes: state.file.bytes, records: state.file.records, periodStart: now,
            firstRecordAt: state.file.firstRecordAt,
            deadline: configuration.rotation?.strategy.deadline(forPeriodStartingAt: now))
        state.timerGeneration += 1
        after.periodChanged = true
    }

    /// Turns the active file into an archive and swaps in the prepared next file.
    ///
    /// The writer's critical section holds only this: `link(active, archive)` then
    /// `rename(next, active)`, so the active path exists at every instant, then the descriptor swap.
    /// Where hard links are not possible it falls back to two renames (a short window without the
    /// active path) and counts it. Any failure leaves the current file in place, still receiving
    /// records, and the rotation is retried with backoff.
    func rotate(_ state: inout State, now: LogTimestamp, after: inout Aftermath) {
        guard let rotation = configuration.rotation else { return }
        let started = POSIX.monotonicNanoseconds()
        if rotation.options.syncOnRotation, let errno = POSIX.syncData(state.descriptor) {
            after.reports.append(.failed(.sync, errno))
        }
        let next: PreparedFile
        if let prepared = state.next {
            next = prepared
        } else {
            switch createPreparedFile() {
            case .success(let prepared): next = prepared
            case .failure(let errno): return rotationFailed(&state, now: now, errno: errno, after: &after)
            }
        }
        state.next = nil
        let active = path.canonical
        var id = ArchiveID.next(after: state.lastArchiveID, now: now)
        var archivePath = archivePathFor(id, rotation)
        var usedFallback = false
        while let errno = POSIX.hardLink(active, archivePath) {
            if errno.rawValue == EEXIST {
                id = ArchiveID.next(after: id, now: now)
                archivePath = archivePathFor(id, rotation)
                continue
            }
            guard Self.meansNoHardLinks(errno) else {
                discard(next)
                return rotationFailed(&state, now: now, errno: errno, after: &after)
            }
            usedFallback = true
            break
        }
        if usedFallback {
            while POSIX.exists(archivePath) {
                id = ArchiveID.next(after: id, now: now)
                archivePath = archivePathFor(id, rotation)
            }
            if let errno = POSIX.renameReplacing(active, archivePath) {
                discard(next)
                return rotationFailed(&state, now: now, errno: errno, after: &after)
            }
            if let errno = POSIX.renameReplacing(next.path, active) {
                _ = POSIX.renameReplacing(archivePath, active)
                discard(next)
                return rotationFailed(&state, now: now, errno: errno, after: &after)
            }
            counters.update { $0.zeroGapFallbacks += 1 }
        } else if let errno = POSIX.renameReplacing(next.path, active) {
            POSIX.removeFile(archivePath)
            discard(next)
            return rotationFailed(&state, now: now, errno: errno, after: &after)
        }
        let old = state.descriptor
        state.descriptor = next.descriptor
        if case .success(let info) = POSIX.status(of: next.descriptor) { state.identity = FileIdentity(info) }
        POSIX.closeDescriptor(old)
        if rotation.options.syncOnRotation, let errno = POSIX.syncDirectory(path.directory) {
            after.reports.append(.failed(.sync, errno))
        }
        let archive = ParsedArchiveName(
            id: id, state: .plain, fileName: FilePathText.lastComponent(of: archivePath))
        state.lastArchiveID = id
        state.archives.append(ArchiveEntry(name: archive, bytes: state.file.bytes))
        state.file = ActiveFileState(periodStart: now, deadline: rotation.strategy.deadline(forPeriodStartingAt: now))
        state.recordsSinceCheck = 0
        state.lastCheck = now
        state.timerGeneration += 1
        if state.rotationBackoff.isFailing {
            state.rotationBackoff.succeeded()
            after.reports.append(.recovered(.rotate))
        }
        let pause = POSIX.monotonicNanoseconds() - started
        counters.update { $0.rotations += 1 }
        counters.recordRotationPause(nanoseconds: pause)
        if options.observer != nil { after.rotationPauses.append(.nanoseconds(pause)) }
        after.prepareNextFile = true
        after.periodChanged = true
        after.archiveWork = rotation.compressor != nil || rotation.retention != nil
    }

    private func archivePathFor(_ id: ArchiveID, _ rotation: RotationSettings) -> String {
        FilePathText.join(path.directory, rotation.naming.archiveFileName(for: id, base: path.name))
    }

    private func rotationFailed(_ state: inout State, now: LogTimestamp, errno: Errno, after: inout Aftermath) {
        state.rotationBackoff.failed(at: now)
        counters.update { $0.rotationsDeferred += 1 }
        after.reports.append(.failed(.rotate, errno))
        after.prepareNextFile = true
    }

    /// `link(2)` errors that mean "this file system has no hard links", not "this rotation failed".
    private static func meansNoHardLinks(_ errno: Errno) -> Bool {
        [EPERM, EXDEV, EMLINK, ENOSYS, EOPNOTSUPP, ENOTSUP].contains(errno.rawValue)
    }

    // MARK: - The prepared next file

    /// The prefix of prepared next files: hidden, and never taken for an archive.
    var preparedFilePrefix: String { ".\(path.name).rotor-next-" }

    /// Creates a new empty file, under a unique temporary name in the active file's directory.
    func createPreparedFile() -> Result<PreparedFile, Errno> {
        let serial = preparedFileCounter.add(1, ordering: .relaxed).newValue
        let temporary = FilePathText.join(path.directory, "\(preparedFilePrefix)\(getpid())-\(serial)")
        return POSIX.createExclusive(temporary, permissions: mode_t(configuration.permissions))
            .map { PreparedFile(descriptor: $0, path: temporary) }
    }

    /// Closes and removes a prepared file that will not be used.
    func discard(_ prepared: PreparedFile) {
        POSIX.closeDescriptor(prepared.descriptor)
        POSIX.removeFile(prepared.path)
    }

    /// Runs on the background queue after a rotation: prepares the next file off the writer's path.
    func prepareNextFileInBackground() {
        let wanted = state.withLock { !$0.isClosed && $0.next == nil && $0.identity != nil }
        guard wanted, case .success(let prepared) = createPreparedFile() else { return }
        let unused = state.withLock { state -> PreparedFile? in
            guard !state.isClosed, state.next == nil else { return prepared }
            state.next = prepared
            return nil
        }
        if let unused { discard(unused) }
    }
}
