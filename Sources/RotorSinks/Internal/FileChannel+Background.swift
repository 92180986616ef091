@_spi(RotorInternals) import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem

extension FileChannel {
    /// Finishes opening a rotating file: prepares the next file, records the period, arms the idle
    /// timer and, if the strategy asks for it, rotates a non-empty file at once.
    func startUp(now: LogTimestamp, periodWasSaved: Bool) {
        var after = Aftermath()
        let preparationFailure = state.withLock { state -> (SystemCallError, DirectoryHandle)? in
            var failure: (SystemCallError, DirectoryHandle)?
            if !sharedAcrossProcesses {
                switch createPreparedFile(in: state.directory) {
                case .success(let prepared): state.next = prepared
                case .failure(let errno): failure = (errno, state.directory)
                }
            }
            if configuration.rotation?.strategy.rotatesOnOpen == true, state.active.status.bytes > 0 {
                rotate(&state, now: now, after: &after)
            }
            return failure
        }
        if let (errno, directory) = preparationFailure { preparingNextFileFailed(errno, in: directory) }
        if !periodWasSaved {
            let (record, directory) = state.withLock {
                (PeriodRecord(periodStart: $0.active.status.periodStart, newestArchive: $0.lastArchiveID), $0.directory)
            }
            savePeriod(record, in: directory)
        }
        after.archiveWork = archivePipeline?.hasWork == true
        finish(after)
        scheduleIdleRotation()
    }

    /// Writes a period record to the state file (on the background queue, or under the writer
    /// lock in the multi-process mode), with the logs' permissions and never through a link.
    func savePeriod(_ record: PeriodRecord, in directory: DirectoryHandle) {
        if let errno = directory.writeFileAtomically(
            hidden.state, temporaryName: hidden.stateTemporary, record.encoded(),
            permissions: mode_t(configuration.permissions))
        {
            reporter.failed(.rotate, path: FilePathText.join(directory.path, hidden.state), cause: errno)
        }
    }

    /// With ``RotationConfiguration/rotatesWhenIdle``, arms a timer for the current deadline. The timer
    /// only asks the same question a write would ask, so it can never rotate twice.
    func scheduleIdleRotation() {
        guard configuration.rotation?.options.rotatesWhenIdle == true else { return }
        let armed = state.withLock { state -> (deadline: LogTimestamp, generation: Int)? in
            guard !state.isClosed, let deadline = state.active.status.deadline else { return nil }
            return (deadline, state.timerGeneration)
        }
        guard let armed else { return }
        let delay = max(armed.deadline.duration(since: readClock()), .zero)
        let nanoseconds = delay.clampedNanoseconds
        background.asyncAfter(.nanoseconds(nanoseconds)) { [weak self] in
            self?.rotateIfDue(generation: armed.generation)
        }
    }

    /// Rotates (or starts a new period for an empty file) if the deadline has passed.
    func rotateIfDue(generation: Int? = nil) {
        var after = Aftermath()
        let stillArmed = state.withLock { state -> Bool in
            guard !state.isClosed, generation == nil || generation == state.timerGeneration,
                let strategy = configuration.rotation?.strategy
            else { return false }
            if sharedAcrossProcesses { beginSharedSection(&state, after: &after) }
            defer { if sharedAcrossProcesses { endSharedSection(&state, after: &after) } }
            let now = readClock()
            if strategy.shouldRotate(state.active.status, incomingBytes: 0, now: now) {
                rotateIfPossible(&state, now: now, after: &after)
                return false
            }
            return true
        }
        finish(after)
        // Woken early (the clock is not the timer's clock): try again at the deadline.
        if stillArmed, generation != nil { scheduleIdleRotation() }
    }

    /// Rotates now, whatever the strategy says, if the active file has content (for SIGHUP
    /// handlers and tests).
    func rotateNow() {
        var after = Aftermath()
        state.withLock { state in
            let now = readClock()
            if sharedAcrossProcesses { beginSharedSection(&state, after: &after) }
            defer { if sharedAcrossProcesses { endSharedSection(&state, after: &after) } }
            guard !state.isClosed, state.active.identity != nil, configuration.rotation != nil,
                flushBuffer(&state, now: now, after: &after), state.active.status.bytes > 0,
                state.active.pendingTail.isEmpty
            else { return }
            rotate(&state, now: now, after: &after)
            // An explicit rotation returns with the archive under its final name.
            finishNames(&state, after: &after)
        }
        finish(after)
    }

    /// Reopens the active path now (after an external rotation, for example).
    func reopenNow() {
        var after = Aftermath()
        state.withLock { state in
            guard !state.isClosed else { return }
            if sharedAcrossProcesses { beginSharedSection(&state, after: &after) }
            defer { if sharedAcrossProcesses { endSharedSection(&state, after: &after) } }
            // The move was the operator's (logrotate): the records are where it put them. Only a
            // removed directory's records are copied out (see `checkForExternalChange`).
            let deleted = POSIX.status(of: state.active.descriptor).map { $0.st_nlink == 0 }
            let salvages = (try? deleted.get()) == true && state.directory.isRemoved
            reopen(
                &state, now: readClock(), after: &after, salvagingFrom: salvages ? state.watch.confirmedSize : nil,
                countsMovedRecords: false)
        }
        finish(after)
    }

    /// This path's archives, oldest first.
    var archives: [ParsedArchiveName] { archivePipeline?.archives ?? [] }

    /// Blocks until the background queue has run everything queued so far (returns at once when
    /// called from a job on that queue, which could otherwise never finish).
    func waitForBackgroundWork() {
        // Names and retention may queue compression; compression queues nothing on the quick
        // queue (it applies retention itself, and its retries go on its own queue), so one more
        // look at the quick queue settles it.
        background.waitUntilIdle()
        compression.waitUntilIdle()
        background.waitUntilIdle()
    }

    /// Calls `body` (on a background thread, or at once if the file is closed) once the
    /// background work queued so far is done, in the same order as ``waitForBackgroundWork()``.
    func whenBackgroundWorkIsDone(_ body: @escaping @Sendable () -> Void) {
        let background = background
        let compression = compression
        let queued = background.async {
            let queued = compression.async {
                if !background.async(body) { body() }
            }
            if !queued { body() }
        }
        if !queued { body() }
    }
}
