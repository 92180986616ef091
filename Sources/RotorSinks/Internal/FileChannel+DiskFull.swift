import RotorCore
import RotorRotation
import RotorSystem

/// The disk-full clean-up (``RotationOptions/deletesArchivesWhenDiskFull``): after a write fails
/// with `ENOSPC`, one file is deleted to make room, on the quick background queue, cheapest loss
/// first.
extension FileChannel {
    /// The shortest time between two looks for leftover temporary files: a look reads the whole
    /// directory, and a full disk fails every write.
    private static let temporaryScanInterval = 10_000_000_000

    /// Deletes files to make room: every leftover temporary file of a compression (`….gz.tmp` of a
    /// run that died, never the compression in progress) if there is any, else the oldest compressed archive, else the
    /// oldest uncompressed one (not the one being compressed). The active file is never touched.
    /// Each deletion is counted by kind, with the bytes it freed.
    func deleteOldestArchiveToMakeRoom() {
        retentionGate.withLock { _ in
            if deleteLeftoverTemporaries() { return }
            let (victim, directory) = state.withLock { state -> (ArchiveEntry?, DirectoryHandle) in
                let compressing = state.compressingFileName
                let candidates = state.archives.filter { $0.name.fileName != compressing }
                return (candidates.first { $0.name.state == .compressed } ?? candidates.first, state.directory)
            }
            guard let victim else { return }
            let path = FilePathText.join(directory.path, victim.name.fileName)
            if let errno = directory.remove(victim.name.fileName), errno != .noSuchFileOrDirectory {
                reporter.failed(.retention, path: path, cause: errno)
                return
            }
            state.withLock { state in state.archives.remove(fileNames: [victim.name.fileName]) }
            let kind: SinkStatistics.EmergencyDeletionKind =
                victim.name.state == .compressed ? .compressedArchive : .uncompressedArchive
            counters.recordEmergencyDeletion(kind, bytes: Int(victim.bytes))
        }
    }

    /// Deletes the leftover temporary files of interrupted compressions, if the directory has any
    /// and the cross-process archives lock can be had at once (otherwise they may be another
    /// process's compressions in progress). Looks at most once per ``temporaryScanInterval``.
    /// Returns whether it deleted any.
    private func deleteLeftoverTemporaries() -> Bool {
        guard let naming = configuration.rotation?.naming else { return false }
        let look = state.withLock { state -> (DirectoryHandle, CrossProcessLock?, String?)? in
            let now = POSIX.monotonicNanoseconds()
            if let last = state.lastTemporaryScan, now - last < Self.temporaryScanInterval { return nil }
            state.lastTemporaryScan = now
            return (state.directory, state.processLock, state.compressingFileName)
        }
        guard let (directory, lock, compressing) = look else { return false }
        if let lock {
            guard (try? lock.tryLock(.archives, exclusive: true).get()) == true else { return false }
        }
        defer { lock?.unlock(.archives) }
        guard case .success(let names) = directory.entries() else { return false }
        let inProgress = compressing.flatMap { naming.parse(fileName: $0, base: path.name)?.id }
        var deleted = false
        for name in names {
            guard let leftover = ChannelRecovery.archiveFile(named: name, in: directory, naming: naming, base: path.name),
                leftover.name.state == .compressing, leftover.name.id != inProgress
            else { continue }
            guard directory.remove(name) == nil else { continue }
            counters.recordEmergencyDeletion(.leftoverTemporary, bytes: Int(leftover.bytes))
            deleted = true
        }
        return deleted
    }
}
