@_spi(RotorInternals) import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem
import Synchronization

extension FileChannel {
    /// Rotates now if the file has content and no earlier failure asks to wait; an empty file only
    /// starts a new period (Rotor never archives an empty file).
    func rotateIfPossible(_ state: inout State, now: LogTimestamp, after: inout Aftermath) {
        // Buffered records belong to the file that is ending.
        guard flushBuffer(&state, now: now, after: &after) else { return }
        if state.active.status.bytes == 0 {
            startNewPeriod(&state, now: now, after: &after)
        } else if state.active.pendingTail.isEmpty, state.rotationBackoff.mayAttempt(at: retryClock.now()) {
            rotate(&state, now: now, after: &after)
        }
    }

    /// Begins a new period for the (empty) active file at `now`.
    func startNewPeriod(_ state: inout State, now: LogTimestamp, after: inout Aftermath) {
        state.active.status = ActiveFileState(
            bytes: state.active.status.bytes, records: state.active.status.records, periodStart: now,
            firstRecordAt: state.active.status.firstRecordAt,
            deadline: configuration.rotation?.strategy.deadline(forPeriodStartingAt: now))
        state.timerGeneration += 1
        after.periodChanged = true
        after.periodToSave = (now, state.directory)
    }

    /// Ends the active file: the writers move to the prepared next file at once, and its names
    /// (`link(active, archive)`, `rename(prepared, active)`) are switched afterwards, off the
    /// writers' path (see ``PendingNames``).
    ///
    /// The critical section holds no system call: a descriptor swap and the bookkeeping of the
    /// pending names. The check that the prepared file still has its name is the name switch's,
    /// right before its `rename` (a prepared file that lost its name, or whose name now leads to
    /// another file, has its records copied into a new one; see ``NameSwitch``). System calls
    /// happen here only when the previous rotation's names are still pending (they are switched
    /// first), when no prepared file is ready (one is created), or with
    /// ``RotationConfiguration/syncOnRotation``. Any failure leaves the current file in place,
    /// still receiving records, and the rotation is retried with backoff.
    func rotate(_ state: inout State, now: LogTimestamp, after: inout Aftermath) {
        guard rotates else { return }
        let started = POSIX.monotonicNanoseconds()
        // One rotation's names at a time: switch the previous ones first.
        guard finishNames(&state, after: &after) else {
            state.rotationBackoff.failed(at: retryClock.now())
            counters.update { $0.rotationsDeferred += 1 }
            return
        }
        // `syncOnRotation` also syncs the directory after each switch (the name switch's setting).
        if nameSwitch.syncsDirectory, let errno = POSIX.syncData(state.active.descriptor) {
            after.reports.append(.failed(.sync, errno))
        }
        let next: PreparedFile
        if let prepared = state.next {
            // Adopted as it is: its name is checked by the name switch, before its rename.
            next = prepared
        } else {
            switch createPreparedFile(in: state.directory) {
            case .success(let prepared): next = prepared
            case .failure(let errno): return rotationFailed(&state, now: now, errno: errno, after: &after)
            }
        }
        state.next = nil
        let id = ArchiveID.next(after: state.lastArchiveID, now: now)
        nameSwitch.withLock { names in
            names.pending = PendingNames(
                directory: state.directory, preparedName: next.name, preparedIdentity: next.identity, archiveID: id,
                archiveBytes: state.active.status.bytes,
                oldDescriptor: state.active.descriptor, oldIdentity: state.active.identity,
                unconfirmedRecords: state.watch.unconfirmedRecords)
        }
        state.active.descriptor = next.descriptor
        state.active.identity = next.identity
        state.lastArchiveID = id
        state.active.status = ActiveFileState(periodStart: now, deadline: strategy.deadline(forPeriodStartingAt: now))
        state.watch.startNewFile(size: 0, at: now)
        state.timerGeneration += 1
        if state.rotationBackoff.isFailing {
            state.rotationBackoff.succeeded()
            after.reports.append(.recovered(.rotate))
        }
        let pause = POSIX.monotonicNanoseconds() - started
        counters.update { $0.rotations += 1 }
        counters.recordRotationPause(nanoseconds: pause)
        if options.observer != nil { after.rotationPauses.append(.nanoseconds(pause)) }
        after.periodChanged = true
        after.periodToSave = (now, state.directory)
        if sharedAcrossProcesses {
            // Under the writer lock: the other processes must find the new file under its name.
            finishNames(&state, after: &after)
        } else {
            after.switchNames = true
            after.prepareNextFile = true
            after.backgroundPhaseStarts.append(started)
        }
    }

    private func rotationFailed(_ state: inout State, now: LogTimestamp, errno: SystemCallError, after: inout Aftermath)
    {
        state.rotationBackoff.failed(at: retryClock.now())
        counters.update { $0.rotationsDeferred += 1 }
        after.reports.append(.failed(.rotate, errno))
        after.prepareNextFile = !sharedAcrossProcesses
    }

    // MARK: - The prepared next file

    /// Creates a new empty file, under a unique hidden name (see ``RotorHiddenFiles``) in the
    /// active file's directory.
    func createPreparedFile(in directory: DirectoryHandle) -> Result<PreparedFile, SystemCallError> {
        let serial = preparedFileCounter.add(1, ordering: .relaxed).newValue
        let name = hidden.prepared(pid: getpid(), serial: serial)
        // Readable as well: if its name is lost after the writers moved in, its bytes are copied out.
        return directory.createExclusive(name, permissions: mode_t(configuration.permissions), readable: true)
            .map { descriptor in
                // Its identity is read now, so that the rotation that adopts it needs no `fstat`.
                return PreparedFile(descriptor: descriptor, name: name, identity: FileIdentity(descriptor: descriptor))
            }
    }

    /// Whether the prepared file's name still leads to it (nobody deleted or replaced it).
    func isInPlace(_ prepared: PreparedFile, in directory: DirectoryHandle) -> Bool {
        guard case .success(let info) = directory.status(of: prepared.name) else { return false }
        return prepared.identity.map { $0 == FileIdentity(info) } ?? true
    }

    /// Closes and removes a prepared file that will not be used.
    func discard(_ prepared: PreparedFile, in directory: DirectoryHandle) {
        POSIX.closeDescriptor(prepared.descriptor)
        if isInPlace(prepared, in: directory) { directory.remove(prepared.name) }
    }

    /// Runs on the background queue after a rotation: prepares the next file off the writer's
    /// path, which ends the background phase of the rotations that began at `starts`.
    func prepareNextFileInBackground(endingPhasesStartedAt starts: [Int] = []) {
        let directory = state.withLock { state -> DirectoryHandle? in
            !state.isClosed && state.next == nil && state.active.identity != nil ? state.directory : nil
        }
        defer { finishBackgroundPhases(startedAt: starts) }
        guard let directory else { return }
        let prepared: PreparedFile
        switch createPreparedFile(in: directory) {
        case .success(let created): prepared = created
        case .failure(let errno):
            preparingNextFileFailed(errno, in: directory)
            return
        }
        let unused = state.withLock { state -> PreparedFile? in
            guard !state.isClosed, state.next == nil, state.directory === directory else { return prepared }
            state.next = prepared
            return nil
        }
        if let unused { discard(unused, in: directory) }
    }

    /// Counts and reports a next file that could not be prepared (the rotation that needs it will
    /// try again on the writer's path).
    func preparingNextFileFailed(_ errno: SystemCallError, in directory: DirectoryHandle) {
        counters.update { $0.nextFilePreparationFailures += 1 }
        reporter.failed(.rotate, path: FilePathText.join(directory.path, hidden.preparedPrefix + "*"), cause: errno)
    }

    /// Ends the background phase (names switched, next file prepared) of the rotations that
    /// began at `starts`: counts each one's duration, from its rotation on, and tells the observer.
    private func finishBackgroundPhases(startedAt starts: [Int]) {
        guard !starts.isEmpty else { return }
        let now = POSIX.monotonicNanoseconds()
        for started in starts {
            let nanoseconds = max(0, now - started)
            counters.recordRotationBackgroundPhase(nanoseconds: nanoseconds)
            options.observer?.sinkDidFinishRotationBackgroundPhase(
                duration: .nanoseconds(nanoseconds), statistics: counters.snapshot())
        }
    }
}
