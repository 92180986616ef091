import RotorCompression
import RotorCore
import RotorRetention
import RotorRotation

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

    private func runArchiveWork() {
        state.withLock { $0.archiveWorkQueued = false }
        guard let rotation = configuration.rotation else { return }
        if let compressor = rotation.compressor, !compressPendingArchives(compressor) { return }
        if let retention = rotation.retention { applyRetention(retention) }
    }

    /// Compresses every plain archive, oldest first. Returns `false` if it stopped on a failure
    /// (a retry is then scheduled with backoff, unless the file has been closed: then the next
    /// open resumes the work). A pass queued before `close()` runs to its end: `close()` waits.
    private func compressPendingArchives(_ compressor: any ArchiveCompressor) -> Bool {
        while true {
            let next = state.withLock { state in state.archives.first { $0.name.state == .plain } }
            guard let next else { return true }
            let path = FilePathText.join(self.path.directory, next.name.fileName)
            do {
                let outcome = try ArchiveCompression.compressArchive(at: path, using: compressor)
                let compressed = ParsedArchiveName(
                    id: next.name.id, state: .compressed, fileName: next.name.fileName + compressor.fileSuffix)
                state.withLock { state in
                    state.archives.removeAll { $0.name.id == next.name.id }
                    state.archives.append(ArchiveEntry(name: compressed, bytes: outcome.outputBytes))
                    state.archives.sort(by: ArchiveEntry.inOrder)
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
                state.withLock { state in state.archives.removeAll { $0.name == next.name } }
            } catch {
                reporter.failed(.compress, path: path, cause: error)
                let delay = state.withLock { state -> Duration in
                    state.compressionBackoff.failed(at: clock.now())
                    return state.compressionBackoff.currentDelay
                }
                scheduleArchiveWork(after: delay)
                return false
            }
        }
    }

    /// Deletes the generations the policy expires. Only files in the in-memory list — files this
    /// sink's naming recognised for this base path — are ever considered.
    private func applyRetention(_ policy: any RetentionPolicy) {
        let (generations, now) = state.withLock { state in
            (ArchiveGeneration.group(state.archives.map { ($0.name, $0.bytes) }), clock.now())
        }
        let expired = policy.expired(generations, now: now)
        guard !expired.isEmpty else { return }
        var failed = false
        for generation in generations where expired.contains(generation.id) {
            for file in generation.files {
                let path = FilePathText.join(self.path.directory, file.fileName)
                if let errno = POSIX.removeFile(path), errno != .noSuchFileOrDirectory {
                    reporter.failed(.retention, path: path, cause: errno)
                    failed = true
                    continue
                }
                state.withLock { state in state.archives.removeAll { $0.name == file } }
                counters.update { $0.retentionDeletions += 1 }
            }
        }
        if !failed { reporter.succeeded(.retention) }
    }

    /// With ``RotationOptions/deletesArchivesWhenDiskFull``: deletes the oldest compressed archive,
    /// or if there is none the oldest uncompressed one, to make room after `ENOSPC`.
    func deleteOldestArchiveToMakeRoom() {
        let victim = state.withLock { state -> ArchiveEntry? in
            state.archives.first { $0.name.state == .compressed } ?? state.archives.first
        }
        guard let victim else { return }
        let path = FilePathText.join(self.path.directory, victim.name.fileName)
        if let errno = POSIX.removeFile(path), errno != .noSuchFileOrDirectory {
            reporter.failed(.retention, path: path, cause: errno)
            return
        }
        state.withLock { state in state.archives.removeAll { $0.name == victim.name } }
        counters.update { $0.emergencyDeletions += 1 }
    }
}
