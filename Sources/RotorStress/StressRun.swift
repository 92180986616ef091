import Dispatch
import Foundation
import RotorCompression
import RotorCore
import RotorFormatters
import RotorRetention
import RotorRotation
import RotorSinks

/// One `rotor-stress` run: `threads` writers, each logging `records` records through one
/// ``RotatingFileSink`` (behind an ``AsyncSink`` with `--async`) with a ``JSONFormatter``, through
/// the direct typed-field API, acknowledging records in the ack file once they reached the kernel.
struct StressRun {
    let options: StressOptions

    /// The formatter: the standard JSON record, metadata flattened so that `run`, `thread` and
    /// `seq` are top-level members.
    static func makeFormatter() -> JSONFormatter { JSONFormatter(metadataPlacement: .flattened) }

    /// Size rotation, time rotation, both (whichever fires first) or none.
    static func makeStrategy(maxSize: Int64?, interval: Double?) throws -> any RotationStrategy {
        var strategies: [any RotationStrategy] = []
        if let maxSize { strategies.append(try SizeRotation(maxBytes: maxSize)) }
        if let interval { strategies.append(try TimeRotation.every(.nanoseconds(Int64(interval * 1e9)))) }
        switch strategies.count {
        case 0: return NeverRotation()
        case 1: return strategies[0]
        default: return try AnyOfRotation(strategies)
        }
    }

    /// Opens the sink and the ack file, runs the writers to the end, closes the sink (which waits
    /// for its background work) and returns the figures.
    ///
    /// - Throws: The sink's or the ack file's set-up error.
    func run() throws -> StressSummary {
        if let url = options.syslog { return try runSyslog(url: url) }
        let file = try RotatingFileSink(
            path: options.path, formatter: Self.makeFormatter(),
            strategy: Self.makeStrategy(maxSize: options.maxSize, interval: options.interval),
            compression: options.gzip ? GzipCompressor() : nil,
            retention: try options.keep.map { try KeepCountRetention($0) },
            rotation: RotationConfiguration(sharedAcrossProcesses: options.shared),
            options: options.clockOffset == 0
                ? FileSinkConfiguration()
                : FileSinkConfiguration(clock: OffsetClock(offset: .nanoseconds(Int64(options.clockOffset * 1e9)))))
        let ack = try options.ackPath.map { path throws(AckFileError) in
            try AckFile(path: path, threads: options.threads)
        }
        let hangups = options.reopenOnHangup ? try RotorSignals.reopenOnHangup([file]) : nil
        defer { hangups?.cancel() }
        if let policy = options.asyncPolicy {
            let overflow: AsyncSinkConfiguration.OverflowPolicy =
                switch policy {
                case .block: .block
                case .dropNewest: .dropNewest
                case .dropOldest: .dropOldest
                }
            let sink = try AsyncSink(
                wrapping: file,
                configuration: AsyncSinkConfiguration(capacity: 4_096, overflow: overflow))
            return try run(DirectLogger(label: StressRecord.label, sink: sink), buffered: true, ack: ack) {
                sink.statistics
            }
        }
        return try run(DirectLogger(label: StressRecord.label, sink: file), buffered: false, ack: ack) {
            file.statistics
        }
    }

    func run<Sink: TypedLogSink>(
        _ logger: DirectLogger<Sink>, buffered: Bool, ack: AckFile?, statistics: () -> SinkStatistics
    ) throws -> StressSummary {
        let sink = logger.sink
        let started = ContinuousClock.now
        let group = DispatchGroup()
        for thread in 0..<options.threads {
            group.enter()
            let writer = Thread { [options] in
                Self.write(thread: thread, options: options, logger: logger, buffered: buffered, ack: ack)
                group.leave()
            }
            writer.stackSize = 1 << 20
            writer.start()
        }
        group.wait()
        sink.close()
        let elapsed = ContinuousClock.now - started
        ack?.release()
        return StressSummary(
            records: options.threads * options.records, threads: options.threads, run: options.runID,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            statistics: statistics())
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The loop of one writer thread.
    ///
    /// A ``RotatingFileSink`` does not buffer: when `log` returns, the line has been handed to
    /// `write(2)`, so the record is acknowledged right away. Through the ``AsyncSink`` a record is
    /// acknowledged only when a `flush()` after it has returned (every `--flush-every` records,
    /// and at the end).
    static func write<Sink: TypedLogSink>(
        thread: Int, options: StressOptions, logger: DirectLogger<Sink>, buffered: Bool, ack: AckFile?
    ) {
        let pad = StressRecord.padding(count: options.pad)
        let run = options.runID
        // Only what the sink wrote is acknowledged: a record is not acknowledged when the sink
        // dropped anything during its `log` call (another thread's drop too: conservative).
        var droppedBefore = ack == nil ? 0 : logger.sink.statistics.totalRecordsDropped
        var unacknowledged = false
        let started = ContinuousClock.now
        for seq in 0..<options.records {
            if options.rate > 0 {
                // Paced: record `seq` is due `seq / rate` seconds after the start.
                let due = started + .nanoseconds(Int64(seq) * 1_000_000_000 / Int64(options.rate))
                if due > ContinuousClock.now { Thread.sleep(forTimeInterval: Self.seconds(due - ContinuousClock.now)) }
            }
            logger.info("request handled") { fields in
                fields.int("run", run)
                fields.int("thread", thread)
                fields.int("seq", seq)
                fields.int("user_id", seq)
                fields.string("path") {
                    $0.append("/api/v1/items/"); $0.append(seq)
                }
                fields.double("latency", StressRecord.latency(thread: thread, seq: seq))
                if !pad.isEmpty { fields.string("pad", pad) }
            }
            let flushNow = options.flushEvery > 0 && (seq + 1) % options.flushEvery == 0
            if flushNow { logger.sink.flush() }
            if let ack {
                let dropped = logger.sink.statistics.totalRecordsDropped
                if dropped != droppedBefore { unacknowledged = true }
                droppedBefore = dropped
                // Acknowledgements are a prefix: once one record may be lost, none after it is
                // acknowledged (a later one could be checked without the one before).
                if !unacknowledged, !buffered || flushNow { ack.acknowledge(seq, thread: thread) }
            }
        }
        logger.sink.flush()
        if let ack, !unacknowledged, logger.sink.statistics.totalRecordsDropped == droppedBefore {
            ack.acknowledge(options.records - 1, thread: thread)
        }
    }
}
