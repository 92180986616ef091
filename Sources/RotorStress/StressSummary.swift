import RotorCore

/// The figures of a finished run, printed as one JSON line on standard output.
struct StressSummary {
    /// Records produced over all threads.
    var records: Int
    var threads: Int
    var run: Int
    /// Wall time from the first record to the end of `close()`.
    var seconds: Double
    /// The sink's counters after `close()`.
    var statistics: SinkStatistics

    /// Whether every produced record was written and none dropped.
    var isComplete: Bool {
        statistics.recordsWritten == records && statistics.totalRecordsDropped == 0
    }

    /// What is missing, for the error message of an incomplete run.
    var shortfallDescription: String {
        "\(records) records produced, \(statistics.recordsWritten) written, \(statistics.totalRecordsDropped) dropped"
    }

    /// `{"records":…,"seconds":…,"records_per_second":…,"rotations":…,…}` without a newline.
    var jsonLine: String {
        let rate = seconds > 0 ? Double(records) / seconds : 0
        var fields: [(String, String)] = [
            ("records", "\(records)"), ("threads", "\(threads)"), ("run", "\(run)"),
            ("seconds", number(seconds)), ("records_per_second", number(rate.rounded())),
            ("rotations", "\(statistics.rotations)"),
            ("records_written", "\(statistics.recordsWritten)"), ("bytes_written", "\(statistics.bytesWritten)"),
            ("records_dropped", "\(statistics.totalRecordsDropped)"),
            ("records_dropped_by_cause", object(statistics.recordsDropped.map { ($0.key.rawValue, $0.value) })),
            ("failures", "\(statistics.totalFailures)"),
            ("failures_by_kind", object(statistics.failures.map { ($0.key.rawValue, $0.value) })),
            ("grouped_writes", "\(statistics.groupedWrites)"),
            ("grouped_records", "\(statistics.groupedRecords)"),
            ("rotations_deferred", "\(statistics.rotationsDeferred)"),
            ("oversize_records", "\(statistics.oversizeRecords)"),
            ("zero_gap_fallbacks", "\(statistics.zeroGapFallbacks)"),
            ("reopenings", "\(statistics.reopenings)"),
            ("records_written_to_detached_file", "\(statistics.recordsWrittenToDetachedFile)"),
            ("torn_tails_removed", "\(statistics.tornTailsRemoved)"),
            ("torn_tail_bytes_removed", "\(statistics.tornTailBytesRemoved)"),
            ("rotation_pause_total_ns", "\(statistics.rotationPauseTotalNanoseconds)"),
            ("rotation_pause_max_ns", "\(statistics.rotationPauseMaxNanoseconds)"),
            ("rotation_background_phases", "\(statistics.rotationBackgroundPhases)"),
            ("rotation_background_max_ns", "\(statistics.rotationBackgroundMaxNanoseconds)"),
            ("next_file_preparation_failures", "\(statistics.nextFilePreparationFailures)"),
            ("compressions", "\(statistics.compressions)"),
            ("retention_deletions", "\(statistics.retentionDeletions)"),
            ("emergency_deletions", "\(statistics.emergencyDeletions)"),
            ("suppressed_failure_reports", "\(statistics.suppressedFailureReports)"),
        ]
        fields.append(("complete", isComplete ? "true" : "false"))
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    private func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "0" }

    private func object(_ members: [(String, Int)]) -> String {
        "{" + members.sorted { $0.0 < $1.0 }.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
