/// A point-in-time snapshot of a sink's counters.
///
/// Every sink exposes one through ``LogSink/statistics``. Counters only go up. For file sinks the
/// figures are per path: two routes that share one file share one set of counters.
///
/// The identity `recordsWritten + recordsDropped == records produced` holds for every sink: a
/// record is never lost without a drop counter going up.
public struct SinkStatistics: Sendable, Hashable {
    /// Why a record was dropped.
    public enum DropCause: String, Sendable, Hashable, CaseIterable {
        /// The sink was closed when the record arrived.
        case closed
        /// A write failed and could not be retried (for example the disk stayed full).
        case writeFailure
        /// A bounded queue was full and the overflow policy refused the incoming record.
        case queueFullNewest
        /// A bounded queue was full and the overflow policy evicted the oldest queued record.
        case queueFullOldest
        /// An in-memory sink reached its capacity and evicted its oldest record.
        case capacity
        /// A routing sink had no route for the record's level.
        case unrouted
        /// `close()` of an asynchronous sink stopped waiting (its close timeout passed) while the
        /// record was still queued, or being written by a writer that did not come back (a record
        /// being written may still reach the file).
        case abandonedAtClose
        /// A network sink had sent the record, but the connection broke before the receiver was
        /// known to have read it (a syslog sink's TCP connection). The record may have arrived.
        case connectionLost
    }

    /// What kind of operation failed.
    public enum FailureKind: String, Sendable, Hashable, CaseIterable {
        /// Opening or creating a file or directory.
        case open
        /// Writing records.
        case write
        /// Flushing or syncing.
        case sync
        /// Rotating (renaming, linking, preparing the next file).
        case rotate
        /// Reopening a file that was moved or deleted.
        case reopen
        /// Compressing an archive.
        case compress
        /// Applying a retention policy.
        case retention
        /// Closing a descriptor.
        case close
    }

    /// What a disk-full emergency clean-up deleted
    /// (see ``SinkStatistics/emergencyDeletionsByKind``).
    public enum EmergencyDeletionKind: String, Sendable, Hashable, CaseIterable {
        /// A compressed archive.
        case compressedArchive
        /// An archive not compressed (yet).
        case uncompressedArchive
        /// The temporary file of a compression that an earlier run left behind (`….gz.tmp`).
        case leftoverTemporary
    }

    /// Records that reached the destination.
    public var recordsWritten: Int = 0
    /// Bytes that reached the destination.
    public var bytesWritten: Int = 0
    /// Writes of a write-through file sink that carried the records of several callers at once
    /// (group commit: callers that found the file busy had their records written together).
    public var groupedWrites: Int = 0
    /// The records those grouped writes carried.
    public var groupedRecords: Int = 0
    /// Records dropped, by cause. Causes that never happened are absent.
    public var recordsDropped: [DropCause: Int] = [:]
    /// Bytes dropped, by cause.
    public var bytesDropped: [DropCause: Int] = [:]
    /// Failed operations, by kind (each failed attempt counts, retries included).
    public var failures: [FailureKind: Int] = [:]
    /// Completed rotations.
    public var rotations: Int = 0
    /// Rotations that failed and were put off (the current file kept receiving records).
    public var rotationsDeferred: Int = 0
    /// Records larger than the size limit: written alone into a file by a file sink, or cut to the
    /// largest message size by a syslog sink.
    public var oversizeRecords: Int = 0
    /// Rotations that fell back from `link` + `rename` to two renames.
    public var zeroGapFallbacks: Int = 0
    /// Times the active file was reopened after being moved or deleted externally, or by `reopen()`.
    public var reopenings: Int = 0
    /// Records written to a file that had been moved or deleted before Rotor noticed.
    public var recordsWrittenToDetachedFile: Int = 0
    /// Torn last lines (the start of a record that a crash or a full disk cut short, never
    /// acknowledged) cut off a rotating file when it was opened.
    public var tornTailsRemoved: Int = 0
    /// The bytes of those torn lines.
    public var tornTailBytesRemoved: Int = 0
    /// Total time writers spent paused inside rotations, in nanoseconds.
    public var rotationPauseTotalNanoseconds: Int = 0
    /// The longest single rotation pause, in nanoseconds.
    public var rotationPauseMaxNanoseconds: Int = 0
    /// Rotations whose background phase (switching the file names, preparing the next file)
    /// has finished; the writer does not wait for it, but the archive only gets its name then.
    public var rotationBackgroundPhases: Int = 0
    /// Total time those background phases took, in nanoseconds.
    public var rotationBackgroundTotalNanoseconds: Int = 0
    /// The longest single background phase, in nanoseconds.
    public var rotationBackgroundMaxNanoseconds: Int = 0
    /// Times the next file could not be prepared ahead of a rotation (the rotation then creates
    /// it on the writer's path, or is put off if that fails too). Each is also reported as a
    /// ``FailureKind/rotate`` failure.
    public var nextFilePreparationFailures: Int = 0
    /// Archives compressed.
    public var compressions: Int = 0
    /// Bytes read by the compressor.
    public var compressionInputBytes: Int = 0
    /// Bytes the compressor wrote.
    public var compressionOutputBytes: Int = 0
    /// Total time spent compressing, in nanoseconds.
    public var compressionNanoseconds: Int = 0
    /// Archives deleted by the retention policy.
    public var retentionDeletions: Int = 0
    /// Files deleted by the disk-full emergency clean-up
    /// (`RotationConfiguration.deletesArchivesWhenDiskFull` of a rotating file sink), of every kind.
    public var emergencyDeletions: Int = 0
    /// Files deleted by the disk-full emergency clean-up, by kind. Kinds that never happened are
    /// absent; the values add up to ``emergencyDeletions``.
    public var emergencyDeletionsByKind: [EmergencyDeletionKind: Int] = [:]
    /// The bytes those deletions freed (the files' sizes), by kind.
    public var emergencyBytesFreed: [EmergencyDeletionKind: Int] = [:]
    /// Run-time failure reports that were suppressed by rate limiting or recursion guarding.
    public var suppressedFailureReports: Int = 0

    /// Creates an all-zero snapshot.
    public init() {}

    /// The sum of ``recordsDropped`` over all causes.
    public var totalRecordsDropped: Int { recordsDropped.values.reduce(0, +) }

    /// The sum of ``failures`` over all kinds.
    public var totalFailures: Int { failures.values.reduce(0, +) }

    /// Compressed size over uncompressed size, or `nil` before the first compression.
    public var compressionRatio: Double? {
        compressionInputBytes == 0 ? nil : Double(compressionOutputBytes) / Double(compressionInputBytes)
    }
}
