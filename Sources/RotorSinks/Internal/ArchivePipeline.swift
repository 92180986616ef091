import RotorCompression
@_spi(RotorInternals) import RotorCore
import RotorRetention
import RotorRotation
import RotorSystem

/// What happens to a rotating file's archives once they have their names: the list of them,
/// retention and compression, and the disk-full clean-up. It owns its state, under a lock of its
/// own, so that its passes never wait for the writers' lock; the channel only hands it new
/// archives (``add(_:)``) and tells it where the directory is.
///
/// Retention runs on the file's quick queue (``FileChannel/background``), right after the names
/// that made a new archive: what the policy expires is deleted at once, compressed or not, however
/// far compression has fallen behind, so the disk stays bounded. Compression runs on the slow
/// queue (``FileChannel/compression``), oldest archive first, and only ever takes an archive the
/// policy keeps: before each one it applies the policy itself if archives arrived since the last
/// pass. The two meet under ``gate``; retention leaves the archive being compressed to the end of
/// its compression.
///
/// The backlog is bounded by construction: at most one pass of each is queued at a time (further
/// rotations only mark it as wanted), and a pass works from the list of archives, so archives made
/// faster than they can be compressed simply wait, uncompressed and readable, for a later pass.
///
/// In the multi-process mode, the other processes' archives are only known from the directory:
/// one pass on the slow queue lists them, applies retention, then compresses, as one unit under
/// the cross-process archives lock.
final class ArchivePipeline: Sendable {
    struct State {
        /// The file's archives, oldest first: one directory scan at open, then kept up to date.
        var archives: [ArchiveEntry]
        var isClosed = false
        /// Whether a retention pass is queued on the quick queue.
        var retentionQueued = false
        /// Whether a compression pass (in the multi-process mode: a whole pass) is queued.
        var compressionQueued = false
        /// Archives added since retention last ran: compression applies it first when there are
        /// any, so that it never compresses an archive the policy expires.
        var archivesAddedSinceRetention = 0
        /// The archive being compressed right now: retention leaves it to the end of its
        /// compression (setting `retentionWaitsForCompression`) instead of deleting it under the
        /// compressor.
        var compressingFileName: String?
        var retentionWaitsForCompression = false
        var compressionBackoff = RetryBackoff()
        /// When the disk-full clean-up last looked for leftover temporary files (monotonic nanoseconds).
        var lastTemporaryScan: Int?
    }

    /// Where the archives are: the directory, and the cross-process lock (read from the channel
    /// once per pass: the directory is replaced if it was removed and re-created).
    typealias Location = @Sendable () -> (directory: DirectoryHandle, lock: CrossProcessLock?)

    let state: Locked<State>
    /// Held by a retention pass, and by a compression pass while it picks its next archive, so
    /// that the two never decide about the same archive at once.
    let gate = Locked(())
    let settings: RotationSettings
    /// The active file's name: the base the archive names are parsed against.
    let base: String
    let hidden: RotorHiddenFiles
    let sharedAcrossProcesses: Bool
    let location: Location
    let background: BackgroundQueue
    let compression: BackgroundQueue
    let counters: SinkCounters
    let reporter: FailureReporter
    let observer: (any SinkObserver)?
    let clock: any LogClock
    let retryClock: any LogClock

    init(
        archives: [ArchiveEntry], settings: RotationSettings, base: String, sharedAcrossProcesses: Bool,
        location: @escaping Location, background: BackgroundQueue, compression: BackgroundQueue,
        counters: SinkCounters, reporter: FailureReporter, options: FileSinkConfiguration
    ) {
        self.state = Locked(State(archives: archives))
        self.settings = settings
        self.base = base
        self.hidden = RotorHiddenFiles(base: base)
        self.sharedAcrossProcesses = sharedAcrossProcesses
        self.location = location
        self.background = background
        self.compression = compression
        self.counters = counters
        self.reporter = reporter
        self.observer = options.observer
        self.clock = options.clock
        self.retryClock = options.retryClock
    }

    /// The archives, oldest first.
    var archives: [ParsedArchiveName] { state.withLock { $0.archives.map(\.name) } }

    /// Takes in archives whose names were just switched (from under the channel's locks: takes
    /// only its own).
    func add(_ entries: [ArchiveEntry]) {
        state.withLock { state in
            for entry in entries { state.archives.insertInOrder(entry) }
            state.archivesAddedSinceRetention += entries.count
        }
    }

    /// Queues no more passes; those already queued run (the channel's `close()` waits for them).
    func close() {
        state.withLock { $0.isClosed = true }
    }

    /// Whether the settings ask for any work on the archives.
    var hasWork: Bool { settings.compressor != nil || settings.retention != nil }

    /// Queues what a new archive (or the open) calls for: retention at once (right here when
    /// called from the quick queue, by the job that switched the names), and compression.
    func scheduleWork() {
        if sharedAcrossProcesses || settings.compressor != nil { scheduleCompression() }
        guard !sharedAcrossProcesses, settings.retention != nil else { return }
        if background.isCurrent {
            runRetention()
        } else {
            scheduleRetention()
        }
    }

    /// Queues one retention pass on the quick queue unless one is already queued.
    func scheduleRetention(after delay: Duration? = nil) {
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
    func scheduleCompression(after delay: Duration? = nil) {
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
}
