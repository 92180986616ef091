@_spi(RotorInternals) import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem
import Synchronization

/// The one writer of one file: a descriptor, a byte counter and a lock, shared by every sink and
/// level route that names the same canonical path (see ``FileChannelRegistry``).
///
/// Writes are whole lines appended with `O_APPEND` under the lock, so lines from different routes
/// interleave but never tear. Before each write, under the same lock, the channel checks (at a
/// bounded interval) that the path still names its file, and asks the rotation strategy whether to
/// rotate first. Everything slow — preparing the next file, recording the period, compression
/// and retention — runs on the channel's background queues.
///
/// The channel composes parts that each own their state: ``ActiveFile`` (descriptor, size,
/// buffer, held-back tail), ``ExternalChangeWatch`` (when to check the path, what to settle),
/// ``GroupCommit`` (write-through callers that find the file busy), ``NameSwitch`` (the names of a
/// rotation) and ``ArchivePipeline`` (archives, retention, compression). The extension files hold
/// the channel's own steps: appending, rotating, recovering from write failures, external
/// changes, several processes, background jobs.
final class FileChannel: Sendable {
    /// A file created ahead of time, under a temporary name, to become the next active file.
    struct PreparedFile: Sendable {
        var descriptor: Int32
        /// Its hidden name in the directory.
        var name: String
        var identity: FileIdentity?
    }

    struct State: ~Copyable {
        /// The directory that holds the file, opened once: every file operation is relative to it
        /// and never follows a symbolic link. Replaced only when the directory itself was removed
        /// or moved and is re-created (see ``reopen(_:now:after:)``).
        var directory: DirectoryHandle
        /// The cross-process lock file of a rotating file (``CrossProcessLock``), holding the
        /// owner lock for as long as the channel is open; `nil` for a plain file.
        var processLock: CrossProcessLock?
        /// The file records go to now: descriptor, size, buffer, what a failed write held back.
        var active: ActiveFile
        /// When the path was last checked, and the records to settle if it moved.
        var watch: ExternalChangeWatch
        var isClosed = false
        var rotationBackoff = RetryBackoff()
        var reopenBackoff = RetryBackoff()
        var lastArchiveID: ArchiveID?
        var next: PreparedFile?
        /// Bumped whenever the deadline changes, so that stale idle-rotation timers do nothing.
        var timerGeneration = 0
        /// The number of the last group of write-through records written (see ``GroupCommit``).
        var groupsWritten = 0
    }

    let path: ResolvedFilePath
    /// The names of the hidden files beside the active file.
    let hidden: RotorHiddenFiles
    /// ``RotationConfiguration/sharedAcrossProcesses``: every write holds the cross-process writer lock.
    let sharedAcrossProcesses: Bool
    /// The mode of the directory at open, for re-creating it if it is removed.
    let directoryPermissions: UInt32
    let configuration: FileChannelConfiguration
    let options: FileSinkConfiguration
    let counters = SinkCounters()
    let reporter: FailureReporter
    /// ``FileSinkConfiguration/clock``; see ``readClock()``.
    let clock: any LogClock
    /// Whether ``clock`` is the system clock, which ``readClock()`` reads directly.
    let clockIsSystemClock: Bool
    /// ``FileSinkConfiguration/retryClock``: every retry and backoff deadline is on it.
    let retryClock: any LogClock
    /// `configuration.rotation?.strategy` (``/RotorRotation/NeverRotation`` when there is none) and the settings
    /// the write path reads per record, copied out once: reaching through the optional settings,
    /// or binding an optional existential, copies (retains and releases) them on every record.
    let strategy: any RotationStrategy
    let rotates: Bool
    let maximumFileBytes: Int64?
    let bufferCapacity: Int
    /// The largest size Rotor lets a file reach under the process's `RLIMIT_FSIZE` (read at
    /// open), or `nil` when there is no limit; see ``readFileSizeLimit()``.
    let fileSizeLimit: Int64?
    let externalChangeRecords: Int
    let externalChangeInterval: Duration
    /// The quick background queue: names, the next file, the period, retention, timers.
    let background: BackgroundQueue
    /// The slow background queue: compression (see ``BackgroundPool``).
    let compression: BackgroundQueue
    /// The archives: their list, retention, compression (`nil` for a file that does not rotate).
    let archivePipeline: ArchivePipeline?
    let preparedFileCounter = Atomic<Int>(0)
    let state: Locked<State>
    /// The write-through records of callers that found the file busy, written in groups.
    let groupCommit = GroupCommit()
    /// The names of a rotation, switched after the writers have moved on (never pending for a
    /// file that does not rotate).
    let nameSwitch: NameSwitch

    /// Opens (creating if needed) the file at `path`; for a rotating file, first finishes or cleans
    /// up what an interrupted run left behind.
    /// - Throws: ``SinkError`` `.openFailed` with the ``/RotorCore/SystemCallError``.
    init(path: ResolvedFilePath, configuration: FileChannelConfiguration, options: FileSinkConfiguration) throws {
        self.path = path
        self.configuration = configuration
        self.options = options
        self.clock = options.clock
        self.clockIsSystemClock = options.clock is SystemClock
        self.retryClock = options.retryClock
        self.strategy = configuration.rotation?.strategy ?? NeverRotation()
        self.rotates = configuration.rotation != nil
        self.maximumFileBytes = configuration.rotation?.strategy.maximumFileBytes
        self.bufferCapacity = configuration.bufferCapacity
        self.fileSizeLimit = Self.readFileSizeLimit()
        self.externalChangeRecords = options.externalChangeRecords
        self.externalChangeInterval = options.externalChangeInterval
        self.reporter = FailureReporter(
            sink: path.given, handler: options.failureHandler, clock: options.clock,
            counters: counters)
        self.hidden = RotorHiddenFiles(base: path.name)
        self.sharedAcrossProcesses = configuration.rotation?.options.sharedAcrossProcesses ?? false
        let directory: DirectoryHandle
        // The canonical directory (links in it resolved once, by ``ResolvedFilePath``), walked
        // without following a link that may have been put in place since.
        switch DirectoryHandle.openWithoutFollowingLinks(path.directory) {
        case .success(let opened): directory = opened
        case .failure(let errno):
            throw SinkError(.openFailed, "cannot open the directory \(path.directory)", path: path.given, cause: errno)
        }
        var directoryInfo = stat()
        self.directoryPermissions =
            fstat(directory.descriptor, &directoryInfo) == 0
            ? UInt32(directoryInfo.st_mode & 0o7777) : 0o755
        let now = options.clock.now()
        var processLock: CrossProcessLock?
        if configuration.rotation != nil, Self.isRegularFileOrMissing(path.name, in: directory) {
            processLock = try Self.takeOwnership(
                of: path, hidden: hidden, in: directory, permissions: configuration.permissions,
                shared: sharedAcrossProcesses)
        }
        // In the shared mode, recovery and the first look at the file happen under the writer lock.
        let shared = sharedAcrossProcesses
        if shared { _ = processLock?.lock(.writer) }
        defer { if shared { processLock?.unlock(.writer) } }
        var recovered = ChannelRecovery.Result()
        if let rotation = configuration.rotation {
            // Another process (a sharing writer, `rotor prune`) may be compressing right now.
            let holdsArchivesLock =
                processLock.map { (try? $0.tryLock(.archives, exclusive: true).get()) == true } ?? true
            recovered = ChannelRecovery.scan(
                path, in: directory, naming: rotation.naming, now: now, holdsArchivesLock: holdsArchivesLock)
            if holdsArchivesLock { processLock?.unlock(.archives) }
        }
        let opened = try Self.openActiveFile(
            path, in: directory, permissions: configuration.permissions, cutsTornTail: configuration.rotation != nil)
        var periodStart = now
        if opened.size > 0, let saved = recovered.periodStart { periodStart = saved }
        let deadline = configuration.rotation?.strategy.deadline(forPeriodStartingAt: periodStart)
        var initial = State(
            directory: directory, processLock: processLock,
            active: ActiveFile(
                descriptor: opened.descriptor, identity: opened.identity,
                status: ActiveFileState(bytes: opened.size, periodStart: periodStart, deadline: deadline),
                bufferCapacity: configuration.bufferCapacity),
            watch: ExternalChangeWatch(confirmedSize: opened.size, now: now, interval: options.externalChangeInterval))
        initial.lastArchiveID = recovered.archives.last?.name.id
        self.nameSwitch = NameSwitch(
            naming: configuration.rotation?.naming ?? TimestampArchiveNaming(), base: path.name,
            syncsDirectory: configuration.rotation?.options.syncOnRotation ?? false, counters: counters)
        let background = BackgroundQueue(.quick)
        let compression = BackgroundQueue(.slow)
        let state = Locked(initial)
        self.background = background
        self.compression = compression
        self.state = state
        if let rotation = configuration.rotation {
            self.archivePipeline = ArchivePipeline(
                archives: recovered.archives, settings: rotation, base: path.name,
                sharedAcrossProcesses: sharedAcrossProcesses,
                location: { state.withLock { ($0.directory, $0.processLock) } },
                background: background, compression: compression, counters: counters, reporter: reporter,
                options: options)
        } else {
            self.archivePipeline = nil
        }
        reportTornTail(of: opened, in: directory)
        if let maximum = configuration.rotation?.strategy.maximumFileBytes, maximum < 1_024 {
            // Valid, and used as given; but more often "1" meant 1 KiB or 1 MiB than 1 byte.
            reporter.failed(
                .open, path: path.given,
                cause: SinkError(
                    .invalidConfiguration,
                    "a maximum file size of \(maximum) bytes (under 1 KiB) is likely a mistake; it is used as given",
                    field: "maxBytes", path: path.given))
            reporter.succeeded(.open)
        }
        if configuration.rotation != nil, opened.identity != nil {
            let periodWasSaved = opened.size > 0 && recovered.periodStart != nil
            if sharedAcrossProcesses, !periodWasSaved {
                savePeriod(
                    PeriodRecord(periodStart: periodStart, newestArchive: recovered.archives.last?.name.id),
                    in: directory)
            }
            startUp(now: now, periodWasSaved: periodWasSaved || sharedAcrossProcesses)
        }
        if configuration.bufferCapacity > 0 { scheduleBufferFlush() }
        if opened.identity != nil { scheduleExternalChangeCheck() }
    }

    /// The time on the channel's clock: the system clock read directly (the default), any other
    /// clock through its protocol. Read once per record on the write path, where the existential
    /// call cost a projection and a witness call on top of `clock_gettime`.
    @inline(__always)
    func readClock() -> LogTimestamp {
        clockIsSystemClock ? LogTimestamp.now() : clock.now()
    }

    /// The number of bytes in the active file as this channel accounts them.
    var byteCount: Int64 { state.withLock { $0.active.status.bytes } }

    /// The open descriptor, or -1 once closed (for tests that inspect `/proc/self/fd`).
    var descriptor: Int32 { state.withLock { $0.isClosed ? -1 : $0.active.descriptor } }

    /// Appends whole lines. A write-through file writes the records of callers that find it
    /// busy in groups (``GroupCommit``); every caller returns once its lines are written. Never
    /// throws: failures are counted, reported once per change of state, and retried with backoff
    /// on later writes.
    ///
    /// - Parameter now: The time the lines were stamped with on this channel's clock, when the
    ///   caller read it (a direct record): the checks use it instead of reading the clock again.
    func write(_ bytes: UnsafeRawBufferPointer, records: Int, at now: LogTimestamp? = nil) {
        var after = Aftermath()
        if bufferCapacity > 0 || bytes.count > GroupCommit.largestGatheredWrite {
            state.withLock { state in appendLocked(bytes, records: records, at: now, to: &state, after: &after) }
            if !after.isEmpty { finish(after) }
            return
        }
        let wroteAtOnce = state.withLockIfAvailable { state in
            let group =
                groupCommit.mayHaveGathered
                ? groupCommit.writeGathered(plus: bytes, ownRecords: records) { bytes, records in
                    appendLocked(bytes, records: records, to: &state, after: &after)
                } : nil
            if let group {
                recordGroupWritten(group, in: &state)
            } else {
                appendLocked(bytes, records: records, at: now, to: &state, after: &after)
            }
        }
        if !wroteAtOnce {
            let number = groupCommit.add(bytes, records: records)
            state.withLock { state in
                guard state.groupsWritten < number else { return }
                let group = groupCommit.writeGathered { bytes, records in
                    appendLocked(bytes, records: records, to: &state, after: &after)
                }
                if let group { recordGroupWritten(group, in: &state) }
            }
        }
        if !after.isEmpty { finish(after) }
    }

    private func recordGroupWritten(_ group: GroupCommit.Group, in state: inout State) {
        state.groupsWritten = group.number
        if group.callers > 1 {
            counters.update {
                $0.groupedWrites += 1
                $0.groupedRecords += group.records
            }
        }
    }

    /// Appends under the state lock: one caller's lines, or a group of them.
    @inline(__always)
    private func appendLocked(
        _ bytes: UnsafeRawBufferPointer, records: Int, at now: LogTimestamp? = nil, to state: inout State,
        after: inout Aftermath
    ) {
        if sharedAcrossProcesses { beginSharedSection(&state, after: &after) }
        if records > 1, rotates {
            appendBatch(bytes, records: records, to: &state, after: &after)
        } else {
            // Shared across processes, the time is read under the cross-process lock: a reading
            // taken before it can be older than another process's last rotation, which this one
            // may not know of yet, and would name the next archive before that one.
            append(bytes, records: records, at: sharedAcrossProcesses ? nil : now, to: &state, after: &after)
        }
        if sharedAcrossProcesses { endSharedSection(&state, after: &after) }
    }

    /// Finishes a pending line tail and, if configured, syncs the file to stable storage.
    func flush() {
        var after = Aftermath()
        state.withLock { state in
            guard !state.isClosed else { return }
            if sharedAcrossProcesses { beginSharedSection(&state, after: &after) }
            defer { if sharedAcrossProcesses { endSharedSection(&state, after: &after) } }
            let now = readClock()
            if !finishPendingTail(&state, now: now, after: &after) { return }
            if !flushBuffer(&state, now: now, after: &after) { return }
            // Once flush returns, every record is under its file's final name.
            finishNames(&state, after: &after)
            if options.syncOnFlush, let errno = POSIX.syncData(state.active.descriptor) {
                after.reports.append(.failed(.sync, errno))
            }
        }
        finish(after)
    }

    /// Closes the file after a last attempt to finish a pending line tail (records still pending
    /// are counted as dropped), removes the prepared next file, and waits for background work.
    func close() {
        var after = Aftermath()
        state.withLock { state in
            guard !state.isClosed else { return }
            if sharedAcrossProcesses { beginSharedSection(&state, after: &after) }
            let now = readClock()
            if finishPendingTail(&state, now: now, after: &after) {
                _ = flushBuffer(&state, now: now, after: &after)
                _ = finishPendingTail(&state, now: now, after: &after)
            }
            if !state.active.pendingTail.isEmpty {
                counters.recordDropped(
                    .writeFailure, records: state.active.pendingTailRecords, bytes: state.active.pendingTail.count)
                state.active.clearPendingTail()
            }
            settleDetachedRecordsAtClose(&state, now: now, after: &after)
            if let next = state.next {
                discard(next, in: state.directory)
                state.next = nil
            }
            // Names that cannot be switched now (their error is reported) are switched by the
            // recovery scan at the next open; the records are in the prepared file meanwhile.
            finishNames(&state, after: &after)
            nameSwitch.withLock { names in
                if let pending = names.pending {
                    // A prepared file that lost its name and could not be copied out: its records
                    // cannot be found again, and are counted.
                    if !nameSwitch.isPreparedInPlace(pending), state.active.status.records > 0 {
                        counters.update { $0.recordsWrittenToDetachedFile += state.active.status.records }
                    }
                    POSIX.closeDescriptor(pending.oldDescriptor)
                    names.pending = nil
                }
            }
            after.retryNames = nil
            if sharedAcrossProcesses { endSharedSection(&state, after: &after) }
            POSIX.closeDescriptor(state.active.descriptor)
            state.isClosed = true
            archivePipeline?.close()
        }
        finish(after)
        // Runs what is queued (retention and compression of the archives made so far, under the
        // cross-process archives lock), then stops the queues; retries waiting for their time are
        // left to the next open. Compression last: a retention pass may queue one.
        background.stop()
        compression.stop()
        // Releases the cross-process locks (the owner lock with its descriptor).
        state.withLock { $0.processLock = nil }
    }

    deinit {
        background.stop()
        compression.stop()
    }

    /// With a buffer, writes it at least every ``FileSinkConfiguration/bufferFlushInterval`` (a timer on
    /// the background queue that stops when the file is closed).
    func scheduleBufferFlush() {
        let interval = options.bufferFlushInterval.clampedNanoseconds
        background.asyncAfter(.nanoseconds(max(interval, 1_000_000))) { [weak self] in
            guard let self else { return }
            var after = Aftermath()
            let open = state.withLock { state -> Bool in
                guard !state.isClosed else { return false }
                _ = flushBuffer(&state, now: readClock(), after: &after)
                return true
            }
            finish(after)
            if open { scheduleBufferFlush() }
        }
    }

    // MARK: - Outside the lock

    /// Delivers reports and schedules the background work a locked operation asked for.
    func finish(_ after: Aftermath) {
        for report in after.reports {
            switch report {
            case .failed(let kind, let errno): reporter.failed(kind, path: path.given, cause: errno)
            case .recovered(let kind): reporter.succeeded(kind)
            }
        }
        if after.switchNames { background.async { self.completeNamesInBackground() } }
        if let delay = after.retryNames {
            background.asyncAfter(delay) { [weak self] in self?.completeNamesInBackground() }
        }
        if after.prepareNextFile {
            let starts = after.backgroundPhaseStarts
            background.async { self.prepareNextFileInBackground(endingPhasesStartedAt: starts) }
        }
        if after.periodChanged {
            // Queued even while the channel closes: the worker runs it before it stops, so the
            // period is on disk before `close()` returns.
            if let (start, directory) = after.periodToSave {
                background.async { self.savePeriod(PeriodRecord(periodStart: start), in: directory) }
            }
            scheduleIdleRotation()
        }
        if after.archiveWork { archivePipeline?.scheduleWork() }
        if let observer = options.observer, !after.rotationPauses.isEmpty {
            let statistics = counters.snapshot()
            for pause in after.rotationPauses { observer.sinkDidRotate(pause: pause, statistics: statistics) }
        }
        if after.diskFull, configuration.rotation?.options.deletesArchivesWhenDiskFull == true {
            if let archivePipeline { background.async { archivePipeline.deleteOldestArchiveToMakeRoom() } }
        }
    }
}
