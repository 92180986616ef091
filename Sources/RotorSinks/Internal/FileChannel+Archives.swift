import RotorCompression
import RotorCore
import RotorRetention
import RotorRotation
import RotorSystem

/// The archive pipeline: after each rotation (and once at open), on the background queue,
/// compress the archives still uncompressed, oldest first, then apply the retention policy to the
/// in-memory list of archives. Nothing here runs on a writer's thread.
///
/// The backlog is bounded by construction: at most one pass is queued at a time (further
/// rotations only mark it as wanted), and a pass works from the list of archives, so archives made
/// faster than they can be compressed simply wait, uncompressed and readable, for a later pass.
extension FileChannel {
    /// Queues one pass of the pipeline unless one is already queued.
    func scheduleArchiveWork(after delay: Duration? = nil) {
        let queue = state.withLock { state -> Bool in
            guard !state.isClosed, !state.archiveWorkQueued else { return false }
            state.archiveWorkQueued = true
            return true
        }
        guard queue else { return }
        if let delay {
            background.asyncAfter(delay) { self.runArchiveWork() }
        } else {
            background.async { self.runArchiveWork() }
        }
    }

    /// One pass, under the cross-process archives lock, so that only one process (another
    /// writer of a shared log, or `rotor prune`) works on the archives at a time. In the
    /// multi-process mode the other processes' archives are read from the directory first.
    private func runArchiveWork() {
        let (directory, lock) = state.withLock { state in
            state.archiveWorkQueued = false
            return (state.directory, state.processLock)
        }
        guard let rotation = configuration.rotation else { return }
        if let lock {
            if let errno = lock.lock(.archives) {
                reporter.failed(.compress, path: FilePathText.join(directory.path, hidden.lock), cause: errno)
                return
            }
        }
        defer { lock?.unlock(.archives) }
        if sharedAcrossProcesses {
            let found = ChannelRecovery.listArchives(of: path, in: directory, naming: rotation.naming)
            state.withLock { $0.archives = found }
        }
        // Retention first, and again between compressions whenever rotations added archives: what
        // the policy expires goes at once, compressed or not, and is never compressed first, so
        // the disk stays bounded however far compression falls behind.
        if let retention = rotation.retention { applyRetention(retention, in: directory) }
        if let compressor = rotation.compressor {
            compressPendingArchives(compressor, retention: rotation.retention, in: directory)
        }
    }

    /// Compresses every plain archive the policy keeps, oldest first, applying the policy again
    /// before each one if rotations added archives meanwhile. Stops on a failure (a retry is then
    /// scheduled with backoff, unless the file has been closed: then the next open resumes the
    /// work). A pass queued before `close()` runs to its end: `close()` waits.
    private func compressPendingArchives(
        _ compressor: any ArchiveCompressor, retention: (any RetentionPolicy)?, in directory: DirectoryHandle
    ) {
        // The pass walks the list once, by ID: archives it skipped (a foreign file at their
        // compressed name) stay behind it, and new ones arrive after it.
        var cursor: ArchiveID?
        while true {
            if let retention, state.withLock({ $0.archivesAddedSinceRetention > 0 }) {
                applyRetention(retention, in: directory)
            }
            let next = state.withLock { state in state.archives.firstPlain(after: cursor) }
            guard let next else { return }
            cursor = next.name.id
            let path = FilePathText.join(directory.path, next.name.fileName)
            do {
                let outcome = try ArchiveCompression.compressArchive(
                    named: next.name.fileName, in: directory, using: compressor)
                let compressed = ParsedArchiveName(
                    id: next.name.id, state: .compressed, fileName: next.name.fileName + compressor.fileSuffix)
                state.withLock { state in
                    state.archives.replace(next.name, with: ArchiveEntry(name: compressed, bytes: outcome.outputBytes))
                    state.compressionBackoff.succeeded()
                }
                let (seconds, attoseconds) = outcome.duration.components
                counters.update {
                    $0.compressions += 1
                    $0.compressionInputBytes += Int(outcome.inputBytes)
                    $0.compressionOutputBytes += Int(outcome.outputBytes)
                    $0.compressionNanoseconds += Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
                }
                reporter.succeeded(.compress)
                options.observer?.sinkDidCompress(
                    inputBytes: outcome.inputBytes, outputBytes: outcome.outputBytes, duration: outcome.duration,
                    statistics: counters.snapshot())
            } catch let error as CompressionError where error.code == .sourceMissing {
                // Deleted behind our back (or by an earlier, interrupted pass): forget it.
                state.withLock { state in state.archives.remove(fileNames: [next.name.fileName]) }
            } catch let error as CompressionError
                where error.code == .destinationExists || error.code == .sourceNotRegularFile
            {
                // A file that is not Rotor's has the compressed name (or the archive's own name
                // now leads to something else): never replaced nor deleted. The archive stays
                // plain; it is reported, and retention still counts it.
                reporter.failed(.compress, path: path, cause: error)
            } catch {
                reporter.failed(.compress, path: path, cause: error)
                let delay = state.withLock { state -> Duration in
                    state.compressionBackoff.failed(at: retryClock.now())
                    return state.compressionBackoff.currentDelay
                }
                scheduleArchiveWork(after: delay)
                return
            }
        }
    }

    /// Deletes the generations the policy expires, in one pass over the list. Only files in the
    /// in-memory list (files this sink's naming recognised for this base path) are ever considered.
    private func applyRetention(_ policy: any RetentionPolicy, in directory: DirectoryHandle) {
        let (generations, now) = state.withLock { state in
            state.archivesAddedSinceRetention = 0
            return (ArchiveGeneration.group(state.archives.map { ($0.name, $0.bytes) }), clock.now())
        }
        let expired = policy.expired(generations, now: now)
        guard !expired.isEmpty else { return }
        var failed = false
        var removed: Set<String> = []
        for generation in generations where expired.contains(generation.id) {
            for file in generation.files {
                // `unlinkat` of the name: a link put there is removed, never its target.
                if let errno = directory.remove(file.fileName), errno != .noSuchFileOrDirectory {
                    reporter.failed(.retention, path: FilePathText.join(directory.path, file.fileName), cause: errno)
                    failed = true
                    continue
                }
                removed.insert(file.fileName)
            }
        }
        state.withLock { state in state.archives.remove(fileNames: removed) }
        let deletions = removed.count
        counters.update { $0.retentionDeletions += deletions }
        if !failed { reporter.succeeded(.retention) }
    }

    /// With ``RotationOptions/deletesArchivesWhenDiskFull``: deletes the oldest compressed archive,
    /// or if there is none the oldest uncompressed one, to make room after `ENOSPC`.
    func deleteOldestArchiveToMakeRoom() {
        let (victim, directory) = state.withLock { state -> (ArchiveEntry?, DirectoryHandle) in
            (state.archives.first { $0.name.state == .compressed } ?? state.archives.first, state.directory)
        }
        guard let victim else { return }
        let path = FilePathText.join(directory.path, victim.name.fileName)
        if let errno = directory.remove(victim.name.fileName), errno != .noSuchFileOrDirectory {
            reporter.failed(.retention, path: path, cause: errno)
            return
        }
        state.withLock { state in state.archives.remove(fileNames: [victim.name.fileName]) }
        counters.update { $0.emergencyDeletions += 1 }
    }
}
