@_spi(RotorInternals) import RotorCore
import RotorLibc
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
/// The writers move into the prepared file without a system call; its name is checked here, right
/// before its `rename`. A prepared file whose name is gone, or leads to another file (deleted or
/// replaced by someone else, before or after the rotation), has its bytes copied into a new
/// prepared file, which the writers move to, so that nothing written to the nameless file is lost
/// and the file now under the hidden name, not Rotor's, is left alone.
final class NameSwitch: Sendable {
    /// How an attempt to switch the pending names ended.
    enum Outcome {
        /// Nothing is pending (any more).
        case switched
        /// A system call failed; the attempt is repeated later.
        case failed
        /// The prepared file lost its name while the writers were in it: its bytes must be moved
        /// to a new prepared file (under the state lock) before the names can be switched.
        case preparedLost
    }

    /// The pending names and what their switches left to report, under one lock.
    let state = Locked(NamesState())
    let naming: any ArchiveNaming
    /// The active file's name.
    let base: String
    /// ``RotationConfiguration/syncOnRotation``: `fsync` the directory after each switch.
    let syncsDirectory: Bool
    let counters: SinkCounters

    init(naming: any ArchiveNaming, base: String, syncsDirectory: Bool, counters: SinkCounters) {
        self.naming = naming
        self.base = base
        self.syncsDirectory = syncsDirectory
        self.counters = counters
        // The first rotation's writer would otherwise pay, under the writers' lock, for type
        // metadata that the Swift runtime builds on first use (30 to 100 µs on a VM, the p99 of
        // the rotation pause): the `PendingNames?` that the handoff (`pending = …`) destroys
        // through its value witnesses, and the storage of the `[Duration]` of pauses reported to
        // the observer. Built here, once, when the file is opened.
        state.withLock { $0.pending = nil }
        var warmUp = FileChannel.Aftermath()
        warmUp.rotationPauses.append(.zero)
    }

    /// Runs `body` with the state, under the lock.
    func withLock<Result>(_ body: (inout NamesState) -> Result) -> Result {
        state.withLock(body)
    }

    /// Switches the pending names, if any (`names` is this switch's state, under its lock).
    func complete(_ names: inout NamesState) -> Outcome {
        guard var pending = names.pending else { return .switched }
        let directory = pending.directory
        let active = base
        var archiveName = naming.archiveFileName(for: pending.archiveID, base: base)
        if !pending.archiveNamed {
            // Only the file that ended is archived: if the name now leads elsewhere (it was moved
            // away, or something else was put there), there is nothing of ours to archive.
            let activeInfo = try? directory.status(of: active).get()
            if activeInfo.map({ FileIdentity($0) != pending.oldIdentity }) ?? true {
                pending.archiveGone = true
            }
            while !pending.archiveGone, let errno = directory.link(active, as: archiveName) {
                if errno.rawValue == EEXIST {
                    // The name is taken: the next one, unless none is left (names end in year 9999).
                    guard let successor = pending.archiveID.successor else { return failed(&names, pending, errno) }
                    pending.archiveID = successor
                    archiveName = naming.archiveFileName(for: pending.archiveID, base: base)
                    continue
                }
                if errno.rawValue == ENOENT, !directory.exists(active) {
                    // The ended file was deleted: nothing is left to archive.
                    pending.archiveGone = true
                    break
                }
                guard Self.meansNoHardLinks(errno) else { return failed(&names, pending, errno) }
                pending.usedFallback = true
                break
            }
            if pending.usedFallback {
                while let errno = directory.renameWithoutReplacing(active, to: archiveName) {
                    guard errno.rawValue == EEXIST, let successor = pending.archiveID.successor else {
                        return failed(&names, pending, errno)
                    }
                    pending.archiveID = successor
                    archiveName = naming.archiveFileName(for: pending.archiveID, base: base)
                }
            }
            if pending.archiveGone { countUncheckedRecords(of: pending) }
            pending.archiveNamed = true
        }
        // The active name now leads to the archived file, or to nothing; anything else there (a
        // link or a file someone put in its place) is not Rotor's, and is never replaced.
        let replaceable =
            pending.archiveGone
            ? !directory.exists(active)
            : (try? directory.status(of: active).get()).map { FileIdentity($0) == pending.oldIdentity } ?? true
        // The prepared name must still lead to the file the writers are in: only that file may
        // become the active one.
        guard isPreparedInPlace(pending) else {
            names.pending = pending
            return .preparedLost
        }
        let renamed =
            replaceable
            ? directory.rename(pending.preparedName, to: active)
            : directory.renameWithoutReplacing(pending.preparedName, to: active)
        if let errno = renamed {
            names.pending = pending
            if errno.rawValue == ENOENT, !directory.exists(pending.preparedName) { return .preparedLost }
            return failed(&names, pending, errno)
        }
        POSIX.closeDescriptor(pending.oldDescriptor)
        if syncsDirectory, let errno = directory.sync() {
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

    /// Whether the prepared file's hidden name still leads to it.
    func isPreparedInPlace(_ pending: PendingNames) -> Bool {
        guard case .success(let info) = pending.directory.status(of: pending.preparedName) else { return false }
        return pending.preparedIdentity.map { $0 == FileIdentity(info) } ?? true
    }

    /// Records a failed attempt: the pending names stay for the next one.
    func failed(_ names: inout NamesState, _ pending: PendingNames, _ errno: SystemCallError) -> Outcome {
        names.pending = pending
        names.failure = errno
        names.failing = true
        return .failed
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
    func abandon() {
        state.withLock { names in
            if let pending = names.pending { POSIX.closeDescriptor(pending.oldDescriptor) }
            names.pending = nil
        }
    }

    /// Whether a rotation's names are still to be switched.
    var isPending: Bool { state.withLock { $0.pending != nil } }

    /// `link(2)` errors that mean "this file system has no hard links", not "this rotation failed".
    static func meansNoHardLinks(_ errno: SystemCallError) -> Bool {
        [EPERM, EXDEV, EMLINK, ENOSYS, EOPNOTSUPP, ENOTSUP].contains(errno.rawValue)
    }
}
