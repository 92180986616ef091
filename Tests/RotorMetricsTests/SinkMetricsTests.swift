import CoreMetrics
import MetricsTestKit
import RotorCore
import RotorMetrics
import RotorTestKit
import Testing

@Suite struct SinkMetricsTests {
    private static let plainLabels = [
        "rotor.records.written", "rotor.bytes.written", "rotor.rotations", "rotor.rotations.deferred",
        "rotor.records.oversize", "rotor.rotations.zero_gap_fallbacks", "rotor.reopenings",
        "rotor.records.written_to_detached_file", "rotor.compressions", "rotor.compression.input_bytes",
        "rotor.compression.output_bytes", "rotor.retention.deletions", "rotor.emergency.deletions",
        "rotor.rotations.next_file_failures", "rotor.failure_reports.suppressed", "rotor.writes.grouped",
        "rotor.records.grouped",
    ]

    @Test func initCreatesEveryMetricWithBoundedDimensions() throws {
        let factory = CountingMetricsFactory()
        let metrics = SinkMetrics(label: "app", dimensions: [("service", "billing")], factory: factory)
        let test = factory.metrics
        let base = [("sink", "app"), ("service", "billing")]

        #expect(metrics.label == "app")
        #expect(metrics.dimensions.map(\.0) == ["sink", "service"])
        #expect(
            factory.madeCount("counter") == 19 + 2 * SinkStatistics.DropCause.allCases.count
                + SinkStatistics.FailureKind.allCases.count + 2 * SinkStatistics.EmergencyDeletionKind.allCases.count)
        #expect(factory.madeCount("timer") == 3)
        #expect(factory.madeCount("recorder") == 1)
        #expect(factory.madeCount("meter") == 0)
        #expect(test.counters.count == factory.madeCount("counter"))

        for label in Self.plainLabels {
            #expect(throws: Never.self) { try test.expectCounter(label, base) }
        }
        for cause in SinkStatistics.DropCause.allCases {
            #expect(throws: Never.self) {
                try test.expectCounter("rotor.records.dropped", base + [("cause", cause.rawValue)])
            }
            #expect(throws: Never.self) {
                try test.expectCounter("rotor.bytes.dropped", base + [("cause", cause.rawValue)])
            }
        }
        for kind in SinkStatistics.EmergencyDeletionKind.allCases {
            let dimension = base + [("kind", kind.rawValue)]
            #expect(throws: Never.self) { try test.expectCounter("rotor.emergency.deleted_files", dimension) }
            #expect(throws: Never.self) { try test.expectCounter("rotor.emergency.freed_bytes", dimension) }
        }
        for kind in SinkStatistics.FailureKind.allCases {
            #expect(throws: Never.self) { try test.expectCounter("rotor.failures", base + [("kind", kind.rawValue)]) }
        }
        _ = try test.expectTimer("rotor.rotation.pause", base)
        _ = try test.expectTimer("rotor.compression.duration", base)
        _ = try test.expectRecorder("rotor.compression.ratio", base)

        // Names: dotted lowercase with the `rotor.` prefix; dimensions: sink and the caller's first.
        let labels = test.counters.map(\.label) + test.timers.map(\.label) + test.recorders.map(\.label)
        for label in labels {
            #expect(label.hasPrefix("rotor."))
            #expect(label.allSatisfy { $0.isLowercase || $0 == "." || $0 == "_" })
        }
        for counter in test.counters {
            #expect(counter.dimensions.prefix(2).map { "\($0.0)=\($0.1)" } == ["sink=app", "service=billing"])
            #expect(counter.totalValue == 0)
        }
    }

    @Test func updatePublishesEveryFigure() throws {
        let test = TestMetrics()
        let metrics = SinkMetrics(label: "s", factory: test)
        var stats = SinkStatistics()
        stats.recordsWritten = 10
        stats.bytesWritten = 1_000
        stats.recordsDropped = [.closed: 3, .writeFailure: 2]
        stats.bytesDropped = [.closed: 30, .writeFailure: 20]
        stats.failures = [.write: 4, .compress: 1]
        stats.rotations = 5
        stats.rotationsDeferred = 6
        stats.oversizeRecords = 7
        stats.zeroGapFallbacks = 8
        stats.reopenings = 9
        stats.recordsWrittenToDetachedFile = 11
        stats.compressions = 12
        stats.compressionInputBytes = 13
        stats.compressionOutputBytes = 14
        stats.retentionDeletions = 15
        stats.emergencyDeletions = 16
        stats.suppressedFailureReports = 17
        stats.nextFilePreparationFailures = 18
        stats.groupedWrites = 19
        stats.groupedRecords = 20
        stats.emergencyDeletionsByKind = [.compressedArchive: 10, .leftoverTemporary: 6]
        stats.emergencyBytesFreed = [.compressedArchive: 1_000, .leftoverTemporary: 60]
        metrics.update(from: stats)

        let expected: [String: Int] = [
            "rotor.records.written": 10, "rotor.bytes.written": 1_000, "rotor.rotations": 5,
            "rotor.rotations.deferred": 6, "rotor.records.oversize": 7, "rotor.rotations.zero_gap_fallbacks": 8,
            "rotor.reopenings": 9, "rotor.records.written_to_detached_file": 11, "rotor.compressions": 12,
            "rotor.compression.input_bytes": 13, "rotor.compression.output_bytes": 14,
            "rotor.retention.deletions": 15, "rotor.emergency.deletions": 16,
            "rotor.failure_reports.suppressed": 17, "rotor.rotations.next_file_failures": 18,
            "rotor.writes.grouped": 19, "rotor.records.grouped": 20,
        ]
        #expect(Set(expected.keys) == Set(Self.plainLabels))
        for kind in SinkStatistics.EmergencyDeletionKind.allCases {
            #expect(
                test.total("rotor.emergency.deleted_files", dims("s", ("kind", kind.rawValue)))
                    == stats.emergencyDeletionsByKind[kind] ?? 0)
            #expect(
                test.total("rotor.emergency.freed_bytes", dims("s", ("kind", kind.rawValue)))
                    == stats.emergencyBytesFreed[kind] ?? 0)
        }
        for (label, value) in expected {
            #expect(test.total(label, dims("s")) == value, "\(label)")
        }
        for cause in SinkStatistics.DropCause.allCases {
            #expect(
                test.total("rotor.records.dropped", dims("s", ("cause", cause.rawValue)))
                    == stats.recordsDropped[cause] ?? 0)
            #expect(
                test.total("rotor.bytes.dropped", dims("s", ("cause", cause.rawValue)))
                    == stats.bytesDropped[cause] ?? 0)
        }
        for kind in SinkStatistics.FailureKind.allCases {
            #expect(test.total("rotor.failures", dims("s", ("kind", kind.rawValue))) == stats.failures[kind] ?? 0)
        }
        // No update touches the event metrics.
        #expect(try test.expectTimer("rotor.rotation.pause", dims("s")).values.isEmpty)
        #expect(try test.expectRecorder("rotor.compression.ratio", dims("s")).values.isEmpty)
    }

    @Test func updatingTwiceWithTheSameSnapshotDoesNotDoubleCount() throws {
        let test = TestMetrics()
        let metrics = SinkMetrics(label: "s", factory: test)
        var stats = SinkStatistics()
        stats.recordsWritten = 4
        stats.recordsDropped = [.closed: 2]
        metrics.update(from: stats)
        metrics.update(from: stats)
        #expect(test.total("rotor.records.written", dims("s")) == 4)
        #expect(test.total("rotor.records.dropped", dims("s", ("cause", "closed"))) == 2)
        #expect(try test.expectCounter("rotor.records.written", dims("s")).values == [4])

        stats.recordsWritten = 9
        metrics.update(from: stats)
        #expect(try test.expectCounter("rotor.records.written", dims("s")).values == [4, 5])
        #expect(test.total("rotor.records.dropped", dims("s", ("cause", "closed"))) == 2)
    }

    @Test func staleAndShrinkingSnapshotsNeverDecrementOrRecount() throws {
        let test = TestMetrics()
        let metrics = SinkMetrics(label: "s", factory: test)
        func snapshot(_ records: Int, _ bytes: Int) -> SinkStatistics {
            var stats = SinkStatistics()
            stats.recordsWritten = records
            stats.bytesWritten = bytes
            return stats
        }
        metrics.update(from: snapshot(10, 100))
        metrics.update(from: snapshot(6, 60))  // late: taken before the previous one
        metrics.update(from: snapshot(12, 90))  // bytes shrank (an in-memory eviction)
        metrics.update(from: snapshot(12, 130))
        #expect(try test.expectCounter("rotor.records.written", dims("s")).values == [10, 2])
        #expect(try test.expectCounter("rotor.bytes.written", dims("s")).values == [100, 30])
        for counter in test.counters {
            #expect(counter.values.allSatisfy { $0 > 0 })
        }
    }

    @Test func concurrentUpdatesCountEachRiseOnce() async throws {
        let test = TestMetrics()
        let metrics = SinkMetrics(label: "s", factory: test)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for step in 0...500 {
                        var stats = SinkStatistics()
                        stats.recordsWritten = step * 4 + worker
                        metrics.update(from: stats)
                    }
                }
            }
        }
        #expect(test.total("rotor.records.written", dims("s")) == 2_003)
    }

    @Test func observerEventsFeedTheTimersAndTheRecorder() throws {
        let test = TestMetrics()
        let metrics = SinkMetrics(label: "s", factory: test)
        var stats = SinkStatistics()
        stats.rotations = 1
        metrics.sinkDidRotate(pause: .microseconds(1_500), statistics: stats)
        stats.rotations = 2
        metrics.sinkDidRotate(pause: .seconds(2), statistics: stats)
        stats.compressions = 1
        stats.compressionInputBytes = 1_000
        stats.compressionOutputBytes = 250
        metrics.sinkDidCompress(inputBytes: 1_000, outputBytes: 250, duration: .milliseconds(7), statistics: stats)
        metrics.sinkDidCompress(inputBytes: 0, outputBytes: 20, duration: .zero, statistics: stats)

        #expect(try test.expectTimer("rotor.rotation.pause", dims("s")).values == [1_500_000, 2_000_000_000])
        #expect(try test.expectTimer("rotor.compression.duration", dims("s")).values == [7_000_000, 0])
        #expect(try test.expectRecorder("rotor.compression.ratio", dims("s")).values == [0.25])
        #expect(test.total("rotor.rotations", dims("s")) == 2)
        #expect(test.total("rotor.compressions", dims("s")) == 1)
        #expect(test.total("rotor.compression.input_bytes", dims("s")) == 1_000)
        #expect(test.total("rotor.compression.output_bytes", dims("s")) == 250)
    }

    @Test func dropsByCapacityAndAfterCloseLandUnderTheirCause() throws {
        let test = TestMetrics()
        let metrics = SinkMetrics(label: "mem", factory: test)
        let sink = try InMemorySink(capacity: 2)
        for index in 0..<5 { sink.log(record("m\(index)")) }
        sink.close()
        sink.log(record("late-1"))
        sink.log(record("late-22"))
        metrics.update(from: sink.statistics)

        #expect(test.total("rotor.records.dropped", dims("mem", ("cause", "capacity"))) == 3)
        #expect(test.total("rotor.bytes.dropped", dims("mem", ("cause", "capacity"))) == 6)
        #expect(test.total("rotor.records.dropped", dims("mem", ("cause", "closed"))) == 2)
        #expect(test.total("rotor.bytes.dropped", dims("mem", ("cause", "closed"))) == 13)
        for cause in SinkStatistics.DropCause.allCases where cause != .capacity && cause != .closed {
            #expect(test.total("rotor.records.dropped", dims("mem", ("cause", cause.rawValue))) == 0)
        }
    }

    @Test func periodicUpdatesFollowTheSinkUntilStopped() async throws {
        let test = TestMetrics()
        let metrics = SinkMetrics(label: "mem", factory: test)
        let sink = InMemorySink()
        for index in 0..<5 { sink.log(record("m\(index)")) }
        metrics.startUpdating(from: sink, every: .milliseconds(5))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while test.total("rotor.records.written", dims("mem")) < 5, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(test.total("rotor.records.written", dims("mem")) == 5)

        metrics.stopUpdating()
        for index in 5..<8 { sink.log(record("m\(index)")) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(test.total("rotor.records.written", dims("mem")) == 5)
    }

    @Test func periodicUpdatesKeepNeitherTheMetricsNorTheSinkAlive() throws {
        weak var weakMetrics: SinkMetrics?
        weak var weakSink: InMemorySink?
        let keptMetrics = SinkMetrics(label: "kept", factory: TestMetrics())
        do {
            let sink = InMemorySink()
            let metrics = SinkMetrics(label: "mem", factory: TestMetrics())
            metrics.startUpdating(from: sink, every: .seconds(3_600))
            keptMetrics.startUpdating(from: sink, every: .seconds(3_600))
            weakMetrics = metrics
            weakSink = sink
        }
        #expect(weakMetrics == nil)
        #expect(weakSink == nil)
        keptMetrics.stopUpdating()
    }
}
