import RotorCompression
import RotorCore
import RotorRetention
import RotorRotation
import RotorSystem

/// The archive pipeline: retention and compression of a rotating file's archives, after each
/// rotation (and once at open), never on a writer's thread.
///
/// Retention runs on the file's quick queue (``FileChannel/background``), right after the names
/// that made a new archive: what the policy expires is deleted at once, compressed or not, however
/// far compression has fallen behind, so the disk stays bounded. Compression runs on the slow
/// queue (``FileChannel/compression``), oldest archive first, and only ever takes an archive the
/// policy keeps: before each one it applies the policy itself if rotations added archives since
/// the last pass. The two meet under ``FileChannel/retentionGate``; retention leaves the archive
/// being compressed to the end of its compression.
///
/// The backlog is bounded by construction: at most one pass of each is queued at a time (further
/// rotations only mark it as wanted), and a pass works from the list of archives, so archives made
/// faster than they can be compressed simply wait, uncompressed and readable, for a later pass.
///
/// In the multi-process mode, the other processes' archives are only known from the directory:
/// one pass on the slow queue lists them, applies retention, then compresses, as one unit under
/// the cross-process archives lock.
extension FileChannel {
    /// Queues what a new archive (or the open) calls for: retention at once (right here when
    /// called from the quick queue, by the job that switched the names), and compression.
    func scheduleArchiveWork() {
        guard let rotation = configuration.rotation else { return }
        if sharedAcrossProcesses || rotation.compressor != nil { scheduleCompression() }
        guard !sharedAcrossProcesses, rotation.retention != nil else { return }
        if background.isCurrent {
            runRetention()
        } else {
            scheduleRetention()
        }
    }

    /// Queues one retention pass on the quick queue unless one is already queued.
    private func scheduleRetention(after delay: Duration? = nil) {
        let queue = state.withLock { state -> Bool in
            guard !state.isClosed, !state.retentionQueued else { return false }
            state.retentionQueued = true
            return true
        }
        guard queue else { return }
        if let delay {
            background.asyncAfter(delay) { self.runRetention() }
        } else {
            background.async { self.runRetention() }
        }
    }

    /// Queues one compression pass (the whole pass in the multi-process mode) on the slow queue
    /// unless one is already queued.
    private func scheduleCompression(after delay: Duration? = nil) {
        let queue = state.withLock { state -> Bool in
            guard !state.isClosed, !state.compressionQueued else { return false }
            state.compressionQueued = true
            return true
        }
        guard queue else { return }
        if let delay {
            compression.asyncAfter(delay) { self.runCompressionPass() }
        } else {
            compression.async { self.runCompressionPass() }
        }
    }

    /// A retention pass, under the cross-process archives lock. When another process (`rotor
    /// prune`) holds it, the quick queue does not wait: the pass is tried again shortly.
    private func runRetention() {
        let (directory, lock) = state.withLock { state in
            state.retentionQueued = false
            return (state.directory, state.processLock)
        }
        guard let policy = configuration.rotation?.retention else { return }
        if let lock {
            switch lock.tryLock(.archives, exclusive: true) {
            case .success(true):
                break
            case .success(false):
                scheduleRetention(after: .milliseconds(100))
                return
            case .failure(let errno):
                reporter.failed(.retention, path: FilePathText.join(directory.path, hidden.lock), cause: errno)
                return
            }
        }
        defer { lock?.unlock(.archives) }
        applyRetention(policy, in: directory)
    }

    /// A compression pass, under the cross-process archives lock (waiting for it: this is the
    /// slow queue), so that only one process (another writer of a shared log, or `rotor prune`)
    /// works on the archives at a time. In the multi-process mode the other processes' archives
    /// are read from the directory, and retention applied, first.
    private func runCompressionPass() {
        let (directory, lock) = state.withLock { state in
            state.compressionQueued = false
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
            if let retention = rotation.retention { applyRetention(retention, in: directory) }
        }
        if let compressor = rotation.compressor {
            compressPendingArchives(compressor, retention: rotation.retention, in: directory)
        }
    }

    /// Compresses every plain archive the policy keeps, oldest first, applying the policy first
    /// whenever rotations added archives since it last ran. Stops on a failure (a retry is then
    /// scheduled with backoff, unless the file has been closed: then the next open resumes the
    /// work). A pass queued before `close()` runs to its end: `close()` waits.
    private func compressPendingArchives(
        _ compressor: any ArchiveCompressor, retention: (any RetentionPolicy)?, in directory: DirectoryHandle
    ) {
        // The pass walks the list once, by ID: archives it skipped (a foreign file at their
        // compressed name) stay behind it, and new ones arrive after it.
        var cursor: ArchiveID?
        while true {
            let next = retentionGate.withLock { _ -> ArchiveEntry? in
                if let retention, state.withLock({ $0.archivesAddedSinceRetention > 0 }) {
                    applyRetentionHoldingGate(retention, in: directory)
                }
                return state.withLock { state in
                    let next = state.archives.firstPlain(after: cursor)
                    state.compressingFileName = next?.name.fileName
                    return next
                }
            }
            guard let next else { return }
            cursor = next.name.id
            let goesOn = compress(next, using: compressor, in: directory)
            let retentionWaits = state.withLock { state in
                state.compressingFileName = nil
                defer { state.retentionWaitsForCompression = false }
                return state.retentionWaitsForCompression
            }
            // The policy expired this archive while it was being compressed: delete it now.
            if retentionWaits, let retention { applyRetention(retention, in: directory) }
            guard goesOn else { return }
        }
    }

    /// Compresses one archive and updates the list. Returns `false` when the pass must stop (a
    /// failure that is retried later).
    private func compress(
        _ archive: ArchiveEntry, using compressor: any ArchiveCompressor, in directory: DirectoryHandle
    ) -> Bool {
        let path = FilePathText.join(directory.path, archive.name.fileName)
        do {
            let outcome = try ArchiveCompression.compressArchive(
                named: archive.name.fileName, in: directory, using: compressor)
            let compressed = ParsedArchiveName(
                id: archive.name.id, state: .compressed, fileName: archive.name.fileName + compressor.fileSuffix)
            state.withLock { state in
                state.archives.replace(archive.name, with: ArchiveEntry(name: compressed, bytes: outcome.outputBytes))
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
            state.withLock { state in state.archives.remove(fileNames: [archive.name.fileName]) }
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
            scheduleCompression(after: delay)
            return false
        }
        return true
    }

    /// Deletes the generations the policy expires, in one pass over the list (see
    /// ``applyRetentionHoldingGate(_:in:)``).
    private func applyRetention(_ policy: any RetentionPolicy, in directory: DirectoryHandle) {
        retentionGate.withLock { _ in applyRetentionHoldingGate(policy, in: directory) }
    }

    /// Deletes the generations the policy expires, in one pass over the list, except the archive
    /// being compressed (deleted when its compression ends). Only files in the in-memory list
    /// (files this sink's naming recognised for this base path) are ever considered.
    private func applyRetentionHoldingGate(_ policy: any RetentionPolicy, in directory: DirectoryHandle) {
        let (generations, compressing, now) = state.withLock { state in
            state.archivesAddedSinceRetention = 0
            return (ArchiveGeneration.group(state.archives.map { ($0.name, $0.bytes) }), state.compressingFileName,
                    clock.now())
        }
        let expired = policy.expired(generations, now: now)
        guard !expired.isEmpty else { return }
        var failed = false
        var removed: Set<String> = []
        for generation in generations where expired.contains(generation.id) {
            for file in generation.files {
                if file.fileName == compressing {
                    state.withLock { $0.retentionWaitsForCompression = true }
                    continue
                }
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
}
