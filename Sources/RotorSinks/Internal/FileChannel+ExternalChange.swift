@_spi(RotorInternals) import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem

extension FileChannel {
    /// Checks that the path still reaches the open file: the file was not deleted, the directory
    /// was not moved or removed, and the name leads to the same inode.
    ///
    /// If it does, and the file is smaller than counted (copytruncate), the byte counter is reset.
    /// If it does not, the path is reopened (re-creating the directory if it is gone). The records
    /// written since the last check that found the file in place are then settled exactly: when
    /// the whole directory was removed, nothing can reach them any more, so they are copied into
    /// the new file; otherwise (the file moved, or deleted, perhaps after a copy such as
    /// logrotate's gzip) they are counted in ``/RotorCore/SinkStatistics/recordsWrittenToDetachedFile`` and
    /// never written twice. If the path cannot be reopened, the writes go on into the old file and
    /// are settled at the next successful check, or counted at close.
    func checkForExternalChange(
        _ state: inout State, now: LogTimestamp, after: inout Aftermath
    ) {
        // Right after a rotation the path still names the file that ended until the names are
        // switched: that is not an external change.
        state.watch.checking(at: now)
        if nameSwitch.isPending {
            guard !state.directory.isReachable else { return }
            // The directory is gone: no name can be switched in it any more.
            nameSwitch.abandon()
        }
        guard case .success(let open) = POSIX.status(of: state.active.descriptor) else { return }
        let deleted = open.st_nlink == 0
        var inPlace = !deleted && state.directory.isReachable
        if inPlace, case .success(let info) = state.directory.status(of: path.name) {
            inPlace = FileIdentity(info) == state.active.identity
        } else {
            inPlace = false
        }
        if inPlace {
            if Int64(open.st_size) < state.active.bytesOnDisk {
                state.active.status.bytes = Int64(open.st_size) + Int64(state.active.buffer.count)
            }
            state.watch.confirmed(size: Int64(open.st_size))
            return
        }
        // Reported by the reopen below, with its real cause (ELOOP for a link put in its place).
        state.watch.isDetached = true
        guard state.reopenBackoff.mayAttempt(at: retryClock.now()) else { return }
        // Records are copied out of the old file only when its directory is gone too (`rm -rf`):
        // a file deleted from a directory that is still there may have been copied first
        // (logrotate's gzip), and copying its records again would write them twice.
        let salvages = deleted && state.directory.isRemoved
        reopen(&state, now: now, after: &after, salvagingFrom: salvages ? state.watch.confirmedSize : nil)
    }

    /// Checks on a timer as well, every ``FileSinkConfiguration/externalChangeInterval`` (on the
    /// monotonic clock), so that a file renamed away is reopened even while no record arrives: a
    /// writer that wakes up after an idle spell never writes into a file logrotate took. The timer
    /// stops when the file is closed.
    func scheduleExternalChangeCheck() {
        background.asyncAfter(externalChangeInterval) { [weak self] in
            guard let self else { return }
            var after = Aftermath()
            let open = state.withLock { state -> Bool in
                guard !state.isClosed, state.active.identity != nil else { return false }
                if sharedAcrossProcesses { beginSharedSection(&state, after: &after) }
                checkForExternalChange(&state, now: readClock(), after: &after)
                if sharedAcrossProcesses { endSharedSection(&state, after: &after) }
                return true
            }
            finish(after)
            if open { scheduleExternalChangeCheck() }
        }
    }

    /// At close: one last check, so that records written after a removal are salvaged if they
    /// can be; whatever is still in a detached file is counted.
    func settleDetachedRecordsAtClose(_ state: inout State, now: LogTimestamp, after: inout Aftermath) {
        guard state.active.identity != nil else { return }
        state.reopenBackoff = RetryBackoff()
        checkForExternalChange(&state, now: now, after: &after)
        if state.watch.isDetached, state.watch.unconfirmedRecords > 0 {
            let lost = state.watch.takeUnconfirmedRecords()
            counters.update { $0.recordsWrittenToDetachedFile += lost }
        }
    }

    /// Opens the active path afresh (re-creating its directory if it is gone) and swaps the
    /// descriptor. On failure the old descriptor is kept and the reopen is retried with backoff.
    ///
    /// - Parameters:
    ///   - salvagingFrom: When the old file was deleted: the size it had when last found in place.
    ///     Its bytes from there on (whole records written since) are copied into the new file.
    ///   - countsMovedRecords: Whether records left in a file that was moved (not deleted) are
    ///     counted as written to a detached file: yes when Rotor found the change itself; no for an
    ///     explicit ``RotatingFileSink/reopen()`` (logrotate's `postrotate`), where the move was
    ///     the operator's and the records are in the moved file, as intended.
    func reopen(
        _ state: inout State, now: LogTimestamp, after: inout Aftermath, salvagingFrom: Int64? = nil,
        countsMovedRecords: Bool = true
    ) {
        // Buffered records were logged before the change was noticed: they go to the old file.
        _ = flushBuffer(&state, now: now, after: &after)
        // A rotation's names must be switched before the path is opened again, or the path would
        // still name the file that ended and the prepared file (with the newest records) would be
        // left behind.
        guard finishNames(&state, after: &after) else {
            state.reopenBackoff.failed(at: retryClock.now())
            return
        }
        let opened: OpenedFile
        do {
            if !state.directory.isReachable { try replaceDirectory(&state) }
            opened = try Self.openActiveFile(
                path, in: state.directory, permissions: configuration.permissions,
                cutsTornTail: configuration.rotation != nil)
        } catch {
            state.reopenBackoff.failed(at: retryClock.now())
            if let errno = (error as? SinkError)?.cause as? SystemCallError {
                after.reports.append(.failed(.reopen, errno))
            }
            return
        }
        let unsettled = state.watch.unconfirmedRecords
        var size = opened.size
        if let salvagingFrom, unsettled > 0,
            case .success(let copied) = POSIX.copyContents(
                of: state.active.descriptor, from: salvagingFrom, to: opened.descriptor)
        {
            size += copied
        } else if unsettled > 0, countsMovedRecords || salvagingFrom != nil {
            counters.update { $0.recordsWrittenToDetachedFile += unsettled }
        }
        reportTornTail(of: opened, in: state.directory)
        POSIX.closeDescriptor(state.active.descriptor)
        state.active.descriptor = opened.descriptor
        state.active.identity = opened.identity
        state.watch.isDetached = false
        state.watch.startNewFile(size: size)
        if let next = state.next {
            discard(next, in: state.directory)
            state.next = nil
        }
        state.active.status = ActiveFileState(bytes: size, periodStart: now)
        startNewPeriod(&state, now: now, after: &after)
        counters.update { $0.reopenings += 1 }
        if state.reopenBackoff.isFailing {
            state.reopenBackoff.succeeded()
        }
        after.reports.append(.recovered(.reopen))
        if configuration.rotation != nil, !sharedAcrossProcesses { after.prepareNextFile = true }
    }

    /// The directory was moved or removed: opens its path again, creating it if it is missing
    /// (all missing parents with ``FileSinkConfiguration/createDirectories``, otherwise only the last
    /// one, with the mode it had), and takes the cross-process lock there. The canonical path is
    /// walked from `/` without following any link: a link put in its place cannot redirect the
    /// log (the reopen fails with `ELOOP`, and the records are counted as written to a detached
    /// file).
    private func replaceDirectory(_ state: inout State) throws {
        let creation: DirectoryHandle.Creation =
            options.createDirectories
            ? .all(0o755) : .last(mode_t(directoryPermissions))
        let directory: DirectoryHandle
        switch DirectoryHandle.openWithoutFollowingLinks(path.directory, creating: creation) {
        case .success(let opened): directory = opened
        case .failure(let errno):
            throw SinkError(.openFailed, "cannot open the directory \(path.directory)", path: path.given, cause: errno)
        }
        if state.processLock != nil {
            state.processLock = try Self.takeOwnership(
                of: path, hidden: hidden, in: directory, permissions: configuration.permissions,
                shared: sharedAcrossProcesses)
        }
        state.directory = directory
    }
}
