import CRotorBenchSupport

/// The figures of one run, printed as one JSON line.
struct BenchResult {
    /// Whether and how the output was checked.
    enum Verification {
        /// The discard API writes nothing.
        case notApplicable
        case checked(OutputVerifier.Report)
    }

    let options: BenchOptions
    var seconds = 0.0
    /// CPU time of the whole process over the timed phase (see `ProcessTime`).
    var cpuSeconds = 0.0
    /// The system part of ``cpuSeconds``.
    var systemSeconds = 0.0
    /// Records logged in the timed phase, over all threads.
    var timedRecords = 0
    /// Bytes the file received in the timed phase (uncompressed).
    var bytes = 0
    var allocations: UInt64 = 0
    /// Rotations the file's statistics counted.
    var rotations = 0
    /// Rotations the ``PauseRecorder`` heard about (fewer when one batch write rotates several times).
    var rotationPausesObserved = 0
    /// The longest rotation pause the file's statistics recorded, in microseconds.
    var rotationPauseMaximumFromStatistics = 0.0
    /// Rotation pauses in microseconds: every one, and their percentiles.
    var rotationPauseSamples: [Double] = []
    var rotationPauses: Percentiles?
    var baselineResidentKilobytes: Int?
    var peakResidentKilobytes: Int?
    var dropped = 0
    /// The directory, when its files are left behind.
    var directory: String?
    var verification = Verification.notApplicable
    /// For `--paired-discard`: the seconds the discarding handler's chunks took, in the same
    /// thread as the timed records, alternating with them.
    var pairedDiscardSeconds: Double?

    init(options: BenchOptions) {
        self.options = options
    }

    /// Stores the timed phase's figures.
    mutating func record(_ timing: BenchRun.Timing) {
        seconds = timing.seconds
        cpuSeconds = timing.cpuSeconds
        systemSeconds = timing.systemSeconds
        allocations = timing.allocations
        timedRecords = options.threads * options.records
        bytes = timing.bytes
        pairedDiscardSeconds = timing.pairedDiscardSeconds
    }

    /// Whether the output passed its check (trivially true when nothing was written).
    var verified: Bool {
        switch verification {
        case .notApplicable: true
        case .checked(let report): report.passed
        }
    }

    /// The results as one line of JSON, keys in a fixed order.
    var jsonLine: String {
        var object = JSONObject()
        object["sink"] = .string(options.api == .discard ? "none" : options.sink.rawValue)
        if options.sink == .async, options.writesFiles { object["inner"] = .string(options.inner.rawValue) }
        object["api"] = .string(options.api.rawValue)
        object["formatter"] = .string(options.api == .discard ? "none" : options.formatter.rawValue)
        if options.writesFiles, options.formatter == .json { object["call_site"] = .bool(options.callSite) }
        object["threads"] = .int(options.threads)
        object["records"] = .int(options.records)
        object["warmup"] = .int(options.warmup)
        if options.writesFiles {
            if options.sink != .file { object["max_size"] = .int(Int(options.maxSize)) }
            object["gzip"] = .bool(options.gzip)
        }
        if options.sink == .async, options.writesFiles {
            object["async_policy"] = .string(options.asyncPolicy.rawValue)
            object["capacity"] = .int(options.capacity)
            object["queue_bytes"] = .int(options.queueBytes)
            object["buffer"] = .int(options.buffer)
        }
        object["seconds"] = .double(seconds, digits: 4)
        object["records_per_second"] = .double(seconds > 0 ? Double(timedRecords) / seconds : 0, digits: 0)
        object["cpu_seconds"] = .double(cpuSeconds, digits: 4)
        object["cpu_ns_per_record"] = .double(cpuSeconds * 1e9 / Double(max(timedRecords, 1)), digits: 1)
        object["cpu_system_seconds"] = .double(systemSeconds, digits: 4)
        if let pairedDiscardSeconds, pairedDiscardSeconds > 0, seconds > 0 {
            // The same number of records went through each handler.
            object["paired_discard_records_per_second"] = .double(
                Double(timedRecords) / pairedDiscardSeconds, digits: 0)
            object["paired_discard_ratio"] = .double(pairedDiscardSeconds / seconds, digits: 4)
        }
        object["mb_per_second"] = .double(seconds > 0 ? Double(bytes) / seconds / 1e6 : 0, digits: 1)
        object["bytes"] = .int(bytes)
        object["bytes_per_record"] = .double(timedRecords > 0 ? Double(bytes) / Double(timedRecords) : 0, digits: 1)
        object["allocations_per_record"] = .double(Double(allocations) / Double(max(timedRecords, 1)), digits: 3)
        object["allocation_counting_active"] = .bool(rotor_bench_allocation_counting_active() != 0)
        object["rotations"] = .int(rotations)
        object["rotation_pauses_observed"] = .int(rotationPausesObserved)
        if let pauses = rotationPauses {
            var pause = JSONObject()
            pause["p50"] = .double(pauses.p50, digits: 1)
            pause["p99"] = .double(pauses.p99, digits: 1)
            pause["max"] = .double(pauses.max, digits: 1)
            pause["max_all"] = .double(rotationPauseMaximumFromStatistics, digits: 1)
            object["rotation_pause_us"] = .object(pause)
        } else {
            object["rotation_pause_us"] = .null
        }
        if options.pauseSamples {
            object["rotation_pause_samples_us"] = .array(rotationPauseSamples.map { .double($0, digits: 1) })
        }
        object["peak_rss_kb"] = peakResidentKilobytes.map { .int($0) } ?? .null
        object["baseline_rss_kb"] = baselineResidentKilobytes.map { .int($0) } ?? .null
        object["dropped"] = .int(dropped)
        switch verification {
        case .notApplicable:
            object["verify"] = .string("none")
        case .checked(let report):
            object["verify"] = .string(report.parsedLines ? "full" : "count")
            object["files"] = .int(report.files)
            object["lines"] = .int(report.lines)
            if !report.problems.isEmpty { object["problems"] = .array(report.problems.map { .string($0) }) }
        }
        if let directory { object["dir"] = .string(directory) }
        object["verified"] = .bool(verified)
        return object.rendered
    }
}
