import RotorCore

/// One monotonic figure of a ``SinkStatistics`` snapshot that ``SinkMetrics`` publishes as a
/// `Counter` without an extra dimension.
///
/// The figures kept by cause or by kind (drops, failures) are handled separately, with one
/// counter per case. Durations and sizes of single events (rotation pauses, compressions) go to
/// timers and a recorder from the observer callbacks instead.
enum SinkFigure: CaseIterable, Sendable {
    case recordsWritten
    case bytesWritten
    case groupedWrites
    case groupedRecords
    case rotations
    case rotationsDeferred
    case oversizeRecords
    case zeroGapFallbacks
    case reopenings
    case recordsWrittenToDetachedFile
    case tornTailsRemoved
    case tornTailBytesRemoved
    case compressions
    case compressionInputBytes
    case compressionOutputBytes
    case retentionDeletions
    case emergencyDeletions
    case nextFilePreparationFailures
    case suppressedFailureReports

    /// The metric label (dotted lowercase, `rotor.` prefix).
    var label: String {
        switch self {
        case .recordsWritten: "rotor.records.written"
        case .bytesWritten: "rotor.bytes.written"
        case .groupedWrites: "rotor.writes.grouped"
        case .groupedRecords: "rotor.records.grouped"
        case .rotations: "rotor.rotations"
        case .rotationsDeferred: "rotor.rotations.deferred"
        case .oversizeRecords: "rotor.records.oversize"
        case .zeroGapFallbacks: "rotor.rotations.zero_gap_fallbacks"
        case .reopenings: "rotor.reopenings"
        case .recordsWrittenToDetachedFile: "rotor.records.written_to_detached_file"
        case .tornTailsRemoved: "rotor.torn_tails.removed"
        case .tornTailBytesRemoved: "rotor.torn_tails.removed_bytes"
        case .compressions: "rotor.compressions"
        case .compressionInputBytes: "rotor.compression.input_bytes"
        case .compressionOutputBytes: "rotor.compression.output_bytes"
        case .retentionDeletions: "rotor.retention.deletions"
        case .emergencyDeletions: "rotor.emergency.deletions"
        case .nextFilePreparationFailures: "rotor.rotations.next_file_failures"
        case .suppressedFailureReports: "rotor.failure_reports.suppressed"
        }
    }

    /// The figure's value in `statistics`.
    func value(in statistics: SinkStatistics) -> Int {
        switch self {
        case .recordsWritten: statistics.recordsWritten
        case .bytesWritten: statistics.bytesWritten
        case .groupedWrites: statistics.groupedWrites
        case .groupedRecords: statistics.groupedRecords
        case .rotations: statistics.rotations
        case .rotationsDeferred: statistics.rotationsDeferred
        case .oversizeRecords: statistics.oversizeRecords
        case .zeroGapFallbacks: statistics.zeroGapFallbacks
        case .reopenings: statistics.reopenings
        case .recordsWrittenToDetachedFile: statistics.recordsWrittenToDetachedFile
        case .tornTailsRemoved: statistics.tornTailsRemoved
        case .tornTailBytesRemoved: statistics.tornTailBytesRemoved
        case .compressions: statistics.compressions
        case .compressionInputBytes: statistics.compressionInputBytes
        case .compressionOutputBytes: statistics.compressionOutputBytes
        case .retentionDeletions: statistics.retentionDeletions
        case .emergencyDeletions: statistics.emergencyDeletions
        case .nextFilePreparationFailures: statistics.nextFilePreparationFailures
        case .suppressedFailureReports: statistics.suppressedFailureReports
        }
    }
}
