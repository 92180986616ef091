import RotorCompression
@_spi(RotorInternals) import RotorCore
import RotorRetention
import RotorRotation
import RotorSystem

extension ArchivePipeline {
    /// A compression pass, under the cross-process archives lock (waiting for it: this is the
    /// slow queue), so that only one process (another writer of a shared log, or `rotor prune`)
    /// works on the archives at a time. In the multi-process mode the other processes' archives
    /// are read from the directory, and retention applied, first.
    func runCompressionPass() {
        state.withLock { $0.compressionQueued = false }
        let (directory, lock) = location()
        if let lock {
            if let errno = lock.lock(.archives) {
                reporter.failed(.compress, path: FilePathText.join(directory.path, hidden.lock), cause: errno)
                return
            }
        }
        defer { lock?.unlock(.archives) }
        if sharedAcrossProcesses {
            let found = ChannelRecovery.listArchives(of: base, in: directory, naming: settings.naming)
            state.withLock { $0.archives = found }
            if let retention = settings.retention { applyRetention(retention, in: directory) }
        }
        if let compressor = settings.compressor {
            compressPendingArchives(compressor, retention: settings.retention, in: directory)
        }
    }

    /// Compresses every plain archive the policy keeps, oldest first, applying the policy first
    /// whenever archives arrived since it last ran. Stops on a failure (a retry is then scheduled
    /// with backoff, unless the file has been closed: then the next open resumes the work). A pass
    /// queued before `close()` runs to its end: `close()` waits.
    private func compressPendingArchives(
        _ compressor: any ArchiveCompressor, retention: (any RetentionPolicy)?, in directory: DirectoryHandle
    ) {
        // The pass walks the list once, by ID: archives it skipped (a foreign file at their
        // compressed name) stay behind it, and new ones arrive after it.
        var cursor: ArchiveID?
        while true {
            let next = gate.withLock { _ -> ArchiveEntry? in
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
            observer?.sinkDidCompress(
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
}
