import MetricsTestKit
import RotorCompression
import RotorCore
import RotorMetrics
import RotorRetention
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

/// `SinkMetrics` as the observer of a real `RotatingFileSink`.
@Suite struct SinkMetricsFileSinkTests {
    private func makeSink(_ dir: String, observer: SinkMetrics) throws -> RotatingFileSink {
        try RotatingFileSink(
            path: dir + "/app.log", formatter: MessageLineFormatter(), strategy: try SizeRotation(maxBytes: 1_024),
            compression: GzipCompressor(), retention: try KeepCountRetention(2),
            options: FileSinkConfiguration(observer: observer))
    }

    @Test func countersTimersAndRecorderMatchTheSinkStatistics() throws {
        try withTemporaryDirectory { dir in
            let test = TestMetrics()
            let metrics = SinkMetrics(label: "app", factory: test)
            let sink = try makeSink(dir, observer: metrics)
            defer { sink.close() }
            for index in 0..<200 { sink.log(record(message(index))) }
            sink.waitForBackgroundWork()
            metrics.update(from: sink.statistics)
            let stats = sink.statistics

            #expect(stats.recordsWritten == 200)
            #expect(stats.rotations >= 5)
            #expect(stats.compressions >= 1)
            #expect(stats.retentionDeletions >= 1)
            let counterFigures: [(String, Int)] = [
                ("rotor.records.written", stats.recordsWritten), ("rotor.bytes.written", stats.bytesWritten),
                ("rotor.rotations", stats.rotations), ("rotor.compressions", stats.compressions),
                ("rotor.compression.input_bytes", stats.compressionInputBytes),
                ("rotor.compression.output_bytes", stats.compressionOutputBytes),
                ("rotor.retention.deletions", stats.retentionDeletions),
                ("rotor.emergency.deletions", stats.emergencyDeletions),
            ]
            for (label, value) in counterFigures {
                #expect(test.total(label, dims("app")) == value, "\(label)")
            }

            let pauses = try test.expectTimer("rotor.rotation.pause", dims("app")).values
            #expect(pauses.count == stats.rotations)
            #expect(pauses.reduce(0, +) == Int64(stats.rotationPauseTotalNanoseconds))
            #expect(pauses.max() == Int64(stats.rotationPauseMaxNanoseconds))
            // Every rotation's background phase (names switched, next file prepared) is timed,
            // and it takes at least as long as nothing: it is measured from the rotation on.
            let phases = try test.expectTimer("rotor.rotation.background_phase", dims("app")).values
            #expect(phases.count == stats.rotationBackgroundPhases)
            #expect(stats.rotationBackgroundPhases == stats.rotations)
            #expect(phases.reduce(0, +) == Int64(stats.rotationBackgroundTotalNanoseconds))
            #expect(phases.max() == Int64(stats.rotationBackgroundMaxNanoseconds))
            #expect(stats.nextFilePreparationFailures == 0)
            let durations = try test.expectTimer("rotor.compression.duration", dims("app")).values
            #expect(durations.count == stats.compressions)
            let ratios = try test.expectRecorder("rotor.compression.ratio", dims("app")).values
            #expect(ratios.count == stats.compressions)
            #expect(ratios.allSatisfy { $0 > 0 && $0 < 1 })

            // A second update with nothing new changes nothing.
            metrics.update(from: sink.statistics)
            #expect(test.total("rotor.records.written", dims("app")) == 200)
            #expect(test.total("rotor.rotations", dims("app")) == stats.rotations)
        }
    }

    @Test func recordsLoggedToAClosedSinkCountAsDroppedForClosed() throws {
        try withTemporaryDirectory { dir in
            let test = TestMetrics()
            let metrics = SinkMetrics(label: "app", factory: test)
            let sink = try makeSink(dir, observer: metrics)
            for index in 0..<3 { sink.log(record(message(index))) }
            sink.close()
            for index in 3..<7 { sink.log(record(message(index))) }
            metrics.update(from: sink.statistics)
            let stats = sink.statistics

            #expect(stats.recordsDropped[.closed] == 4)
            #expect(test.total("rotor.records.written", dims("app")) == 3)
            #expect(test.total("rotor.records.dropped", dims("app", ("cause", "closed"))) == 4)
            #expect(
                test.total("rotor.bytes.dropped", dims("app", ("cause", "closed"))) == stats.bytesDropped[.closed] ?? 0)
            #expect(test.total("rotor.records.dropped", dims("app", ("cause", "writeFailure"))) == 0)
            #expect(test.counterTotal(label: "rotor.records.dropped") == 4)
        }
    }

    @Test func noMetricIsCreatedPerRecordOrPerRotation() throws {
        try withTemporaryDirectory { dir in
            let factory = CountingMetricsFactory()
            let metrics = SinkMetrics(label: "app", factory: factory)
            let made = ["counter", "timer", "recorder", "meter"].map(factory.madeCount)
            let counters = factory.metrics.counters.count
            let sink = try makeSink(dir, observer: metrics)
            defer { sink.close() }
            for index in 0..<500 {
                sink.log(record(message(index)))
                if index % 50 == 0 { metrics.update(from: sink.statistics) }
            }
            sink.waitForBackgroundWork()
            metrics.update(from: sink.statistics)

            #expect(sink.statistics.rotations >= 10)
            #expect(["counter", "timer", "recorder", "meter"].map(factory.madeCount) == made)
            #expect(factory.metrics.counters.count == counters)
            #expect(factory.metrics.timers.count == 3)
            #expect(factory.metrics.recorders.count == 1)
        }
    }
}
