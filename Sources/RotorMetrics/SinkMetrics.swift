public import CoreMetrics
import Foundation
@_spi(RotorInternals) public import RotorCore

/// Publishes a sink's ``/RotorCore/SinkStatistics`` through apple/swift-metrics.
///
/// Every metric is created once, in the initialiser, with bounded dimensions: the sink's label, the
/// dimensions you pass, and for drops and failures one counter per cause or kind, all made up front.
/// Nothing happens per record: record and byte counts reach the backend only from statistics
/// snapshots, through ``update(from:)``.
///
/// ```swift
/// let metrics = SinkMetrics(label: "app", dimensions: [("service", "billing")])
/// let sink = try RotatingFileSink(
///     path: "logs/app.log", formatter: JSONFormatter(), strategy: try SizeRotation(maxBytes: 10 << 20),
///     compression: GzipCompressor(), options: FileSinkConfiguration(observer: metrics))
/// metrics.startUpdating(from: sink, every: .seconds(10))
/// ```
///
/// As the sink's ``/RotorCore/SinkObserver`` it records each rotation pause and each compression as
/// it happens, and publishes the counters at the same time. Counters the observer events do not
/// move (records, bytes, drops, failures) follow the sink as often as you call ``update(from:)``,
/// or on their own with ``startUpdating(from:every:)``.
///
/// ### Metrics
///
/// Every metric carries the dimension `("sink", label)` followed by the dimensions given to
/// ``init(label:dimensions:factory:)``.
///
/// | Label | Type | Extra dimension | Source |
/// |---|---|---|---|
/// | `rotor.records.written` | `Counter` | | ``/RotorCore/SinkStatistics/recordsWritten`` |
/// | `rotor.bytes.written` | `Counter` | | ``/RotorCore/SinkStatistics/bytesWritten`` |
/// | `rotor.writes.grouped` | `Counter` | | ``/RotorCore/SinkStatistics/groupedWrites`` |
/// | `rotor.records.grouped` | `Counter` | | ``/RotorCore/SinkStatistics/groupedRecords`` |
/// | `rotor.records.dropped` | `Counter` | `cause`: every ``/RotorCore/SinkStatistics/DropCause`` raw value | ``/RotorCore/SinkStatistics/recordsDropped`` |
/// | `rotor.bytes.dropped` | `Counter` | `cause` | ``/RotorCore/SinkStatistics/bytesDropped`` |
/// | `rotor.failures` | `Counter` | `kind`: every ``/RotorCore/SinkStatistics/FailureKind`` raw value | ``/RotorCore/SinkStatistics/failures`` |
/// | `rotor.rotations` | `Counter` | | ``/RotorCore/SinkStatistics/rotations`` |
/// | `rotor.rotations.deferred` | `Counter` | | ``/RotorCore/SinkStatistics/rotationsDeferred`` |
/// | `rotor.rotations.zero_gap_fallbacks` | `Counter` | | ``/RotorCore/SinkStatistics/zeroGapFallbacks`` |
/// | `rotor.records.oversize` | `Counter` | | ``/RotorCore/SinkStatistics/oversizeRecords`` |
/// | `rotor.records.written_to_detached_file` | `Counter` | | ``/RotorCore/SinkStatistics/recordsWrittenToDetachedFile`` |
/// | `rotor.torn_tails.removed` | `Counter` | | ``/RotorCore/SinkStatistics/tornTailsRemoved`` |
/// | `rotor.torn_tails.removed_bytes` | `Counter` | | ``/RotorCore/SinkStatistics/tornTailBytesRemoved`` |
/// | `rotor.reopenings` | `Counter` | | ``/RotorCore/SinkStatistics/reopenings`` |
/// | `rotor.compressions` | `Counter` | | ``/RotorCore/SinkStatistics/compressions`` |
/// | `rotor.compression.input_bytes` | `Counter` | | ``/RotorCore/SinkStatistics/compressionInputBytes`` |
/// | `rotor.compression.output_bytes` | `Counter` | | ``/RotorCore/SinkStatistics/compressionOutputBytes`` |
/// | `rotor.retention.deletions` | `Counter` | | ``/RotorCore/SinkStatistics/retentionDeletions`` |
/// | `rotor.emergency.deletions` | `Counter` | | ``/RotorCore/SinkStatistics/emergencyDeletions`` |
/// | `rotor.emergency.deleted_files` | `Counter` | `kind`: every ``/RotorCore/SinkStatistics/EmergencyDeletionKind`` raw value | ``/RotorCore/SinkStatistics/emergencyDeletionsByKind`` |
/// | `rotor.emergency.freed_bytes` | `Counter` | `kind` | ``/RotorCore/SinkStatistics/emergencyBytesFreed`` |
/// | `rotor.rotations.next_file_failures` | `Counter` | | ``/RotorCore/SinkStatistics/nextFilePreparationFailures`` |
/// | `rotor.failure_reports.suppressed` | `Counter` | | ``/RotorCore/SinkStatistics/suppressedFailureReports`` |
/// | `rotor.rotation.pause` | `Timer` | | each ``sinkDidRotate(pause:statistics:)`` |
/// | `rotor.rotation.background_phase` | `Timer` | | each ``sinkDidFinishRotationBackgroundPhase(duration:statistics:)`` |
/// | `rotor.compression.duration` | `Timer` | | each ``sinkDidCompress(inputBytes:outputBytes:duration:statistics:)`` |
/// | `rotor.compression.ratio` | `Recorder` | | output bytes over input bytes of each compression |
///
/// That is 49 counters, 3 timers and 1 recorder per `SinkMetrics`, however many records the sink
/// writes. Give each sink its own `SinkMetrics` with its own label; two sinks feeding one
/// `SinkMetrics` would make its counters jump between their figures.
///
/// ### Counting
/// Each counter is incremented by how far its figure has risen above the highest value already
/// published, so snapshots may arrive late or out of order (a writer thread after a rotation, the
/// background queue after a compression) without anything being counted twice. A figure that goes
/// down is ignored until it rises past that highest value again: counters never decrement.
///
/// The timers and the recorder are fed only by observer events, so they stay empty unless the
/// instance is installed as the sink's ``/RotorCore/SinkObserver`` (for file sinks, through
/// `FileSinkConfiguration.observer`).
public final class SinkMetrics: SinkObserver {
    /// The sink's label, the value of the `sink` dimension.
    public let label: String
    /// The dimensions every metric carries: `("sink", label)` followed by the caller's.
    public let dimensions: [(String, String)]

    private let slots: [CounterSlot]
    private let rotationPause: CoreMetrics.Timer
    private let rotationBackgroundPhase: CoreMetrics.Timer
    private let compressionDuration: CoreMetrics.Timer
    private let compressionRatio: Recorder
    /// The highest value published for each slot, in the order of `slots`.
    private let published: Locked<[Int]>
    /// The periodic update started by ``startUpdating(from:every:)``: its thread runs while the
    /// generation it was started with is current; starting again or stopping bumps it.
    private let schedule = ConditionLocked(0, conditions: 1)

    /// Creates every metric for one sink.
    ///
    /// All the metrics listed in the type's overview are created here, once; later calls only
    /// increment and record.
    ///
    /// - Parameters:
    ///   - label: Names the sink; becomes the `sink` dimension. Keep it to a fixed, small set of
    ///     values (a sink name, not a file path with a date in it).
    ///   - dimensions: Extra dimensions added to every metric, after `("sink", label)`; bounded values only.
    ///   - factory: The swift-metrics backend; `nil` (the default) uses `MetricsSystem.factory`, the
    ///     bootstrapped (or task-local) factory at the time of the call.
    public init(label: String, dimensions: [(String, String)] = [], factory: (any MetricsFactory)? = nil) {
        let factory = factory ?? MetricsSystem.factory
        let dimensions = [("sink", label)] + dimensions
        self.label = label
        self.dimensions = dimensions
        slots = CounterSlot.all(dimensions: dimensions, factory: factory)
        published = Locked(Array(repeating: 0, count: slots.count))
        rotationPause = CoreMetrics.Timer(label: "rotor.rotation.pause", dimensions: dimensions, factory: factory)
        rotationBackgroundPhase = CoreMetrics.Timer(
            label: "rotor.rotation.background_phase", dimensions: dimensions, factory: factory)
        compressionDuration = CoreMetrics.Timer(
            label: "rotor.compression.duration", dimensions: dimensions, factory: factory)
        compressionRatio = Recorder(label: "rotor.compression.ratio", dimensions: dimensions, factory: factory)
    }

    deinit {
        schedule.withLock { $0 += 1 }
        schedule.broadcast(0)
    }

    /// Publishes how far each counter's figure has risen since the last update.
    ///
    /// Safe to call from any thread, as often as you like: an unchanged snapshot increments nothing,
    /// and a figure lower than one already published is ignored (see "Counting" in the overview).
    ///
    /// - Parameter statistics: A snapshot of the sink's counters, usually `sink.statistics`.
    public func update(from statistics: SinkStatistics) {
        let increments = published.withLock { highest -> [(Counter, Int)] in
            var increments: [(Counter, Int)] = []
            for (index, slot) in slots.enumerated() {
                let value = slot.read(statistics)
                if value > highest[index] {
                    increments.append((slot.counter, value - highest[index]))
                    highest[index] = value
                }
            }
            return increments
        }
        // Outside the lock: the backend may take locks of its own, and increments commute.
        for (counter, amount) in increments {
            counter.increment(by: amount)
        }
    }

    /// Records the rotation pause on `rotor.rotation.pause`, then calls ``update(from:)``.
    ///
    /// - Parameters:
    ///   - pause: How long the writer that rotated was held up.
    ///   - statistics: The sink's counters just after the rotation.
    public func sinkDidRotate(pause: Duration, statistics: SinkStatistics) {
        rotationPause.recordNanoseconds(Int64(pause.clampedNanoseconds))
        update(from: statistics)
    }

    /// Records the duration of a rotation's background phase (switching the file names, preparing
    /// the next file) on `rotor.rotation.background_phase`, then calls ``update(from:)``.
    ///
    /// - Parameters:
    ///   - duration: How long the phase took on the background queue.
    ///   - statistics: The sink's counters just after it.
    public func sinkDidFinishRotationBackgroundPhase(duration: Duration, statistics: SinkStatistics) {
        rotationBackgroundPhase.recordNanoseconds(Int64(duration.clampedNanoseconds))
        update(from: statistics)
    }

    /// Records the compression's duration on `rotor.compression.duration` and its ratio (output over
    /// input bytes) on `rotor.compression.ratio`, then calls ``update(from:)``.
    ///
    /// The ratio is not recorded when `inputBytes` is not positive.
    ///
    /// - Parameters:
    ///   - inputBytes: The size of the archive before compression.
    ///   - outputBytes: The size of the compressed archive.
    ///   - duration: How long the compression took.
    ///   - statistics: The sink's counters just after the compression.
    public func sinkDidCompress(inputBytes: Int64, outputBytes: Int64, duration: Duration, statistics: SinkStatistics) {
        compressionDuration.recordNanoseconds(Int64(duration.clampedNanoseconds))
        if inputBytes > 0 {
            compressionRatio.record(Double(outputBytes) / Double(inputBytes))
        }
        update(from: statistics)
    }

    /// Calls ``update(from:)`` with `sink.statistics` every `interval`, until ``stopUpdating()`` or
    /// until this `SinkMetrics` or the sink is deallocated.
    ///
    /// The updates run on a thread of their own — not on Swift concurrency's cooperative pool,
    /// where blocked tasks could starve them — that holds both this instance and the sink weakly,
    /// so it never keeps either alive (a file sink holding this instance as its observer would
    /// otherwise form a cycle with it). It ends at the first tick after either is gone;
    /// deinitialising this instance also stops it. Calling this method again replaces the previous
    /// schedule.
    ///
    /// - Parameters:
    ///   - sink: The sink whose statistics to publish.
    ///   - interval: The time between two updates; must be positive.
    /// - Precondition: `interval > .zero`.
    public func startUpdating(from sink: any LogSink, every interval: Duration) {
        precondition(interval > .zero, "SinkMetrics.startUpdating: interval must be positive, got \(interval)")
        let generation = schedule.withLock { current -> Int in
            current += 1
            return current
        }
        schedule.broadcast(0)
        let thread = Thread { [weak self, weak sink, schedule] in
            while true {
                // Sleeps for the interval, or until a start or stop makes this schedule stale.
                let stale = schedule.withLock(waitingOn: 0, until: { $0 != generation }, timeout: interval) {
                    _, stale in
                    stale
                }
                guard !stale, let self, let sink else { return }
                guard self.tick(from: sink, generation: generation) else { return }
            }
        }
        thread.name = "rotor.metrics"
        thread.start()
    }

    /// Stops the periodic updates started by ``startUpdating(from:every:)``; does nothing when none
    /// are running.
    ///
    /// An update already under way finishes before this method returns; none starts afterwards.
    public func stopUpdating() {
        schedule.withLock { $0 += 1 }
        schedule.broadcast(0)
    }

    /// One periodic update, unless the schedule has been replaced or stopped; returns whether to
    /// go on. Runs under the schedule's lock, which ``stopUpdating()`` also takes, so an update
    /// never starts after `stopUpdating()` has returned.
    private func tick(from sink: any LogSink, generation: Int) -> Bool {
        schedule.withLock { current in
            guard current == generation else { return false }
            update(from: sink.statistics)
            return true
        }
    }
}
