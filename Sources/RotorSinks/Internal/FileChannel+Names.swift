#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore
import RotorRotation
import RotorSystem

/// The file names of a rotation, switched after the writers have moved on.
///
/// A rotation swaps the descriptor first — under the channel lock, with no system call — so that
/// writers go on at once into the prepared next file, which still has its hidden temporary name.
/// Then, off the writers' path, `link(active, archive)` and `rename(prepared, active)` give both
/// files their final names. Until they do, `app.log` still names the file that ended, and the
/// newest records sit in `.app.log.rotor-next-*`; ``FileChannel/flush()``, `rotate()`, `close()`
/// and the next rotation all finish the names first, and a run killed in between is finished by
/// the recovery scan at the next open (see ``ChannelRecovery``), so no record is lost or moved.
///
/// Two outside interferences are handled: a prepared file whose name is gone before the
/// rotation is not used (the rotation fails and is retried with a new one); one whose name goes
/// while the writers are in it has its bytes copied into a new prepared file, which the writers
/// move to, so that nothing written to the nameless file is lost.
struct PendingNames: Sendable {
    /// The directory both names are in.
    var directory: DirectoryHandle
    /// The prepared file's hidden name.
    var preparedName: String
    var archiveID: ArchiveID
    /// The size of the file that ended, for the archive list.
    var archiveBytes: Int64
    /// The ended file's descriptor, closed once its names are switched.
    var oldDescriptor: Int32
    /// The ended file's identity: the active name is archived only while it still leads to it.
    var oldIdentity: FileIdentity?
    /// The records written to the ended file since the last external-change check found it under
    /// its name: counted as written to a detached file if it turns out to be gone.
    var unconfirmedRecords = 0
    /// Set once the archive name exists (the `link`, or the first rename of the fallback), so a
    /// retry only does what is left.
    var archiveNamed = false
    /// Set when the ended file had no name left to archive (it was deleted, or its directory
    /// removed): there is no archive to add.
    var archiveGone = false
    var usedFallback = false
}

/// What the name switch shares between the writers' lock and the thread that does it. Lock order:
/// the channel's state lock, then this one; the system calls hold only this one.
struct NamesState: Sendable {
    var pending: PendingNames?
    /// Archives whose names are switched, not yet added to the channel's archive list.
    var completed: [ArchiveEntry] = []
    /// The last failure of a switch, not yet reported.
    var failure: Errno?
    /// A failed `fsync` of the directory after a switch, not yet reported.
    var syncFailure: Errno?
    var failing = false
    var recovered = false
    var fallbacks = 0
}

extension FileChannel {
    /// How an attempt to switch the pending names ended.
    enum NamesOutcome {
        /// Nothing is pending (any more).
        case switched
        /// A system call failed; the attempt is repeated later.
        case failed
        /// The prepared file lost its name while the writers were in it: its bytes must be moved
        /// to a new prepared file (under the state lock) before the names can be switched.
        case preparedLost
    }

    /// Switches the pending names, if any (under ``names``).
    func completeNames(_ names: inout NamesState) -> NamesOutcome {
        guard var pending = names.pending, let rotation = configuration.rotation else { return .switched }
        let directory = pending.directory
        let active = path.name
        var archiveName = rotation.naming.archiveFileName(for: pending.archiveID, base: path.name)
        if !pending.archiveNamed {
            // Only the file that ended is archived: if the name now leads elsewhere (it was moved
            // away, or something else was put there), there is nothing of ours to archive.
            let activeInfo = try? directory.status(of: active).get()
            if activeInfo.map({ FileIdentity($0) != pending.oldIdentity }) ?? true {
                pending.archiveGone = true
            }
            while !pending.archiveGone, let errno = directory.link(active, as: archiveName) {
                if errno.rawValue == EEXIST {
                    pending.archiveID = ArchiveID.next(after: pending.archiveID, now: pending.archiveID.timestamp)
                    archiveName = rotation.naming.archiveFileName(for: pending.archiveID, base: path.name)
                    continue
                }
                if errno.rawValue == ENOENT, !directory.exists(active) {
                    // The ended file was deleted: nothing is left to archive.
                    pending.archiveGone = true
                    break
                }
                guard Self.meansNoHardLinks(errno) else { return namesFailed(&names, pending, errno) }
                pending.usedFallback = true
                break
            }
            if pending.usedFallback {
                while let errno = directory.renameWithoutReplacing(active, to: archiveName) {
                    guard errno.rawValue == EEXIST else { return namesFailed(&names, pending, errno) }
                    pending.archiveID = ArchiveID.next(after: pending.archiveID, now: pending.archiveID.timestamp)
                    archiveName = rotation.naming.archiveFileName(for: pending.archiveID, base: path.name)
                }
            }
            if pending.archiveGone { countUncheckedRecords(of: pending) }
            pending.archiveNamed = true
        }
        // The active name now leads to the archived file, or to nothing; anything else there (a
        // link or a file someone put in its place) is not Rotor's, and is never replaced.
        let replaceable = pending.archiveGone
            ? !directory.exists(active)
            : (try? directory.status(of: active).get()).map { FileIdentity($0) == pending.oldIdentity } ?? true
        let renamed = replaceable
            ? directory.rename(pending.preparedName, to: active)
            : directory.renameWithoutReplacing(pending.preparedName, to: active)
        if let errno = renamed {
            names.pending = pending
            if errno.rawValue == ENOENT, !directory.exists(pending.preparedName) { return .preparedLost }
            return namesFailed(&names, pending, errno)
        }
        POSIX.closeDescriptor(pending.oldDescriptor)
        if rotation.options.syncOnRotation, let errno = directory.sync() {
            // Reported with the rest, after the locks are released.
            names.syncFailure = errno
        }
        if pending.usedFallback { names.fallbacks += 1 }
        if !pending.archiveGone {
            let archive = ParsedArchiveName(id: pending.archiveID, state: .plain, fileName: archiveName)
            names.completed.append(ArchiveEntry(name: archive, bytes: pending.archiveBytes))
        }
        names.pending = nil
        if names.failing {
            names.failing = false
            names.recovered = true
        }
        return .switched
    }

    private func namesFailed(_ names: inout NamesState, _ pending: PendingNames, _ errno: Errno) -> NamesOutcome {
        names.pending = pending
        names.failure = errno
        names.failing = true
        return .failed
    }

    /// Moves the writers out of a prepared file whose name is gone: its bytes are copied into a
    /// new prepared file, which takes its place (under the state lock, then ``names``). Returns
    /// `false` if that failed (the failure is recorded; the writers stay where they are).
    private func relocateLostPreparedFile(_ state: inout State, _ names: inout NamesState, now: LogTimestamp,
        after: inout Aftermath
    ) -> Bool {
        guard var pending = names.pending else { return true }
        // Buffered records go where the earlier ones are, and are copied with them.
        guard flushBuffer(&state, now: now, after: &after) else { return false }
        let fresh: PreparedFile
        switch createPreparedFile(in: pending.directory) {
        case .success(let created): fresh = created
        case .failure(let errno):
            _ = namesFailed(&names, pending, errno)
            return false
        }
        if case .failure(let errno) = POSIX.copyContents(of: state.descriptor, to: fresh.descriptor) {
            discard(fresh, in: pending.directory)
            _ = namesFailed(&names, pending, errno)
            return false
        }
        POSIX.closeDescriptor(state.descriptor)
        state.descriptor = fresh.descriptor
        state.identity = fresh.identity
        pending.preparedName = fresh.name
        names.pending = pending
        // Reported as a failure of the rotation, recovered once the names are switched.
        names.failure = .noSuchFileOrDirectory
        names.failing = true
        return true
    }

    /// Moves switched names into the channel's archive list and their failures and recoveries
    /// into `after` (under the state lock, then ``names``).
    func collectNames(_ names: inout NamesState, into state: inout State, after: inout Aftermath) {
        if !names.completed.isEmpty {
            for entry in names.completed where state.lastArchiveID.map({ $0 < entry.name.id }) ?? true {
                state.lastArchiveID = entry.name.id
            }
            archivePipeline?.add(names.completed)
            names.completed.removeAll()
            after.archiveWork = archivePipeline?.hasWork == true
        }
        if names.fallbacks > 0 {
            let fallbacks = names.fallbacks
            counters.update { $0.zeroGapFallbacks += fallbacks }
            names.fallbacks = 0
        }
        if let errno = names.syncFailure {
            names.syncFailure = nil
            after.reports.append(.failed(.sync, errno))
        }
        if let errno = names.failure {
            names.failure = nil
            state.rotationBackoff.failed(at: retryClock.now())
            after.reports.append(.failed(.rotate, errno))
            after.retryNames = state.rotationBackoff.currentDelay
        }
        if names.recovered {
            names.recovered = false
            if state.rotationBackoff.isFailing { state.rotationBackoff.succeeded() }
            after.reports.append(.recovered(.rotate))
        }
    }

    /// Switches pending names now and takes in the result (under the state lock), first moving
    /// the writers out of a prepared file that lost its name. Returns `false` when the names are
    /// still pending.
    @discardableResult
    func finishNames(_ state: inout State, after: inout Aftermath) -> Bool {
        names.withLock { names in
            var outcome = completeNames(&names)
            if outcome == .preparedLost,
                relocateLostPreparedFile(&state, &names, now: clock.now(), after: &after)
            {
                outcome = completeNames(&names)
                if outcome == .preparedLost, let pending = names.pending {
                    // Lost again at once: try later rather than loop.
                    outcome = namesFailed(&names, pending, .noSuchFileOrDirectory)
                }
            }
            collectNames(&names, into: &state, after: &after)
            return outcome == .switched
        }
    }

    /// The ended file is no longer under the active name (moved, or deleted, perhaps after a copy
    /// such as logrotate's gzip): the records written to it since the last check that found it
    /// in place are counted as written to a detached file. They are never copied again, which
    /// could write them twice.
    private func countUncheckedRecords(of pending: PendingNames) {
        let unchecked = pending.unconfirmedRecords
        if unchecked > 0 { counters.update { $0.recordsWrittenToDetachedFile += unchecked } }
    }

    /// Gives up a rotation's names (its directory was removed): closes the ended file.
    func abandonPendingNames() {
        names.withLock { names in
            if let pending = names.pending { POSIX.closeDescriptor(pending.oldDescriptor) }
            names.pending = nil
        }
    }

    /// Whether a rotation's names are still to be switched.
    var namesArePending: Bool { names.withLock { $0.pending != nil } }

    /// The background half of a rotation: switches the names without the state lock, so writers
    /// keep writing, then takes the result in under it (moving the writers out of a prepared file
    /// that lost its name, which needs the state lock).
    func completeNamesInBackground() {
        let outcome = names.withLock { completeNames(&$0) }
        var after = Aftermath()
        state.withLock { state in
            if outcome == .preparedLost {
                finishNames(&state, after: &after)
            } else {
                names.withLock { collectNames(&$0, into: &state, after: &after) }
            }
        }
        finish(after)
    }

    /// `link(2)` errors that mean "this file system has no hard links", not "this rotation failed".
    static func meansNoHardLinks(_ errno: Errno) -> Bool {
        [EPERM, EXDEV, EMLINK, ENOSYS, EOPNOTSUPP, ENOTSUP].contains(errno.rawValue)
    }
}
