@_spi(RotorInternals) import RotorCore
import RotorRotation
import RotorSystem

/// The disk-full clean-up (``RotationConfiguration/deletesArchivesWhenDiskFull``): after a write fails
/// with `ENOSPC`, files are deleted to make room, on the quick background queue, cheapest loss
/// first.
extension ArchivePipeline {
    /// The shortest time between two looks for leftover temporary files: a look reads the whole
    /// directory, and a full disk fails every write.
    private static let temporaryScanInterval = 10_000_000_000

    /// Deletes files to make room: every leftover temporary file of a compression (`….gz.tmp` of a
    /// run that died, never the compression in progress) if there is any, else the oldest compressed archive, else the
    /// oldest uncompressed one (not the one being compressed). The active file is never touched.
    /// Each deletion is counted by kind, with the bytes it freed.
    func deleteOldestArchiveToMakeRoom() {
        gate.withLock { _ in
            if deleteLeftoverTemporaries() { return }
            let directory = location().directory
            let victim = state.withLock { state -> ArchiveEntry? in
                let compressing = state.compressingFileName
                let candidates = state.archives.filter { $0.name.fileName != compressing }
                return candidates.first { $0.name.state == .compressed } ?? candidates.first
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
        let naming = settings.naming
        let look = state.withLock { state -> String?? in
            let now = POSIX.monotonicNanoseconds()
            if let last = state.lastTemporaryScan, now - last < Self.temporaryScanInterval { return nil }
            state.lastTemporaryScan = now
            return .some(state.compressingFileName)
        }
        guard let compressing = look else { return false }
        let (directory, lock) = location()
        if let lock {
            guard (try? lock.tryLock(.archives, exclusive: true).get()) == true else { return false }
        }
        defer { lock?.unlock(.archives) }
        guard case .success(let names) = directory.entries() else { return false }
        let inProgress = compressing.flatMap { naming.parse(fileName: $0, base: base)?.id }
        var deleted = false
        for name in names {
            guard let leftover = ChannelRecovery.archiveFile(named: name, in: directory, naming: naming, base: base),
                leftover.name.state == .compressing, leftover.name.id != inProgress
            else { continue }
            guard directory.remove(name) == nil else { continue }
            counters.recordEmergencyDeletion(.leftoverTemporary, bytes: Int(leftover.bytes))
            deleted = true
        }
        return deleted
    }
}
