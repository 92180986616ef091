import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem

/// How a rotating file is shared, or not, with other processes (see ``CrossProcessLock``).
///
/// By default one process owns the path: its channel holds the owner lock exclusively from open to
/// close, and a second process's sink fails to open with ``SinkError`` `.pathInUse`. With
/// ``RotationConfiguration/sharedAcrossProcesses`` every process holds the owner lock shared, and each
/// write is a *shared section*: under the writer lock, the channel first catches up with what the
/// other processes did (a rotation shows as a new inode under the active name; appends as a larger
/// size), then rotates and writes as usual, and finishes the rotation's names and period record
/// before it lets go. Nothing of a rotation is left to a background job in that mode.
extension FileChannel {
    /// Opens the lock file and takes the owner lock: exclusively, or shared in the multi-process mode.
    /// - Throws: ``SinkError`` `.pathInUse` when another process holds it, `.pathIsSymbolicLink` when
    ///   the lock file's name is a link, `.openFailed` for other errors.
    static func takeOwnership(
        of path: ResolvedFilePath, hidden: RotorHiddenFiles, in directory: DirectoryHandle, permissions: UInt32,
        shared: Bool
    ) throws -> CrossProcessLock {
        let lock: CrossProcessLock
        switch CrossProcessLock.open(hidden.lock, in: directory, permissions: mode_t(permissions)) {
        case .success(let opened): lock = opened
        case .failure(let errno) where errno.rawValue == ELOOP:
            throw SinkError(
                .pathIsSymbolicLink, "the lock file \(hidden.lock) is a symbolic link; Rotor never opens one",
                path: path.given, cause: errno)
        case .failure(let errno):
            throw SinkError(.openFailed, "cannot open the lock file \(hidden.lock)", path: path.given, cause: errno)
        }
        switch lock.tryLock(.owner, exclusive: !shared) {
        case .success(true):
            if !shared { lock.recordOwner() }
            return lock
        case .success(false):
            let holder = lock.recordedOwner().map { " (process \($0))" } ?? ""
            let message =
                shared
                ? "\(path.canonical) is owned by another process\(holder) that does not share it; "
                    + "set sharedAcrossProcesses in every process that writes it"
                : "\(path.canonical) is already written by another process\(holder); one process owns a "
                    + "rotating log (set RotationConfiguration.sharedAcrossProcesses in every process to share it)"
            throw SinkError(.pathInUse, message, path: path.given)
        case .failure(let errno):
            throw SinkError(.openFailed, "cannot lock \(hidden.lock)", path: path.given, cause: errno)
        }
    }

    /// Takes the writer lock and catches up with the other processes (multi-process mode).
    func beginSharedSection(_ state: inout State, after: inout Aftermath) {
        guard !state.isClosed, let lock = state.processLock else { return }
        if let errno = lock.lock(.writer) {
            after.reports.append(.failed(.write, errno))
            return
        }
        switch state.directory.status(of: path.name) {
        case .success(let info) where FileIdentity(info) == state.active.identity:
            // Other processes appended: the file's real size is what the strategy must see.
            if case .success(let open) = POSIX.status(of: state.active.descriptor) {
                state.active.status.bytes = Int64(open.st_size)
                state.watch.confirmed(size: Int64(open.st_size))
            }
        case .success(let info) where POSIX.isRegularFile(info):
            followRotation(&state, after: &after)
        default:
            // Gone or replaced by something else: the external-change check reopens it.
            state.watch.checkAtNextWrite(recordLimit: externalChangeRecordsLimit)
        }
    }

    /// Records the period if it changed, and lets go of the writer lock (multi-process mode).
    func endSharedSection(_ state: inout State, after: inout Aftermath) {
        guard let lock = state.processLock else { return }
        if let (start, directory) = after.periodToSave {
            // With the archive this rotation named (its names are switched by now): a process that
            // follows the rotation names its next archive after it.
            savePeriod(PeriodRecord(periodStart: start, newestArchive: state.lastArchiveID), in: directory)
            after.periodToSave = nil
        }
        lock.unlock(.writer)
    }

    /// Another process rotated: the active name leads to a new file. Moves to it, with the period
    /// and the newest archive that process recorded.
    private func followRotation(_ state: inout State, after: inout Aftermath) {
        let opened: OpenedFile
        do {
            opened = try Self.openActiveFile(
                path, in: state.directory, permissions: configuration.permissions,
                cutsTornTail: configuration.rotation != nil)
        } catch {
            if let errno = (error as? SinkError)?.cause as? SystemCallError {
                after.reports.append(.failed(.reopen, errno))
            }
            return
        }
        reportTornTail(of: opened, in: state.directory)
        POSIX.closeDescriptor(state.active.descriptor)
        state.active.descriptor = opened.descriptor
        state.active.identity = opened.identity
        state.watch.startNewFile(size: opened.size)
        let record = state.directory.readSmallFile(hidden.state).flatMap(PeriodRecord.parse)
        let periodStart = record?.periodStart ?? readClock()
        // The archive the other process named: this one's next archive sorts after it, even when
        // this process's clock is behind (a step back, or a clock that differs).
        if let newest = record?.newestArchive, state.lastArchiveID.map({ $0 < newest }) ?? true {
            state.lastArchiveID = newest
        }
        state.active.status = ActiveFileState(
            bytes: opened.size, periodStart: periodStart,
            deadline: configuration.rotation?.strategy.deadline(forPeriodStartingAt: periodStart))
        state.timerGeneration += 1
    }

    /// More than ``FileSinkConfiguration/externalChangeRecords``: makes the next write check at once.
    private var externalChangeRecordsLimit: Int { options.externalChangeRecords + 1 }
}
