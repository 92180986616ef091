@_spi(RotorInternals) import RotorCore
import RotorRetention
import RotorRotation
import RotorSystem

extension ArchivePipeline {
    /// A retention pass, under the cross-process archives lock. When another process (`rotor
    /// prune`) holds it, the quick queue does not wait: the pass is tried again shortly.
    func runRetention() {
        state.withLock { $0.retentionQueued = false }
        guard let policy = settings.retention else { return }
        let (directory, lock) = location()
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

    /// Deletes the generations the policy expires, in one pass over the list (see
    /// ``applyRetentionHoldingGate(_:in:)``).
    func applyRetention(_ policy: any RetentionPolicy, in directory: DirectoryHandle) {
        gate.withLock { _ in applyRetentionHoldingGate(policy, in: directory) }
    }

    /// Deletes the generations the policy expires, in one pass over the list, except the archive
    /// being compressed (deleted when its compression ends). Only files in the list (files this
    /// sink's naming recognised for this base path) are ever considered.
    func applyRetentionHoldingGate(_ policy: any RetentionPolicy, in directory: DirectoryHandle) {
        let (generations, compressing) = state.withLock { state in
            state.archivesAddedSinceRetention = 0
            return (ArchiveGeneration.group(state.archives.map { ($0.name, $0.bytes) }), state.compressingFileName)
        }
        let expired = policy.expired(generations, now: clock.now())
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
