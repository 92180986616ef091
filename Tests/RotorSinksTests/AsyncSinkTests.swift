import Foundation
import Logging
@_spi(RotorInternals) import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

/// A formatted sink that keeps every line it gets and can be slowed down per batch.
final class SlowCollectingSink: FormattedLogSink {
    private let state = Locked<(lines: [String], largestBatch: Int, closed: Bool)>(([], 0, false))
    private let delay: Double
    let formatter: any LogFormatter

    init(delayPerBatch: Double, formatter: any LogFormatter = PlainLineFormatter()) {
        self.delay = delayPerBatch
        self.formatter = formatter
    }

    func write(formatted bytes: UnsafeRawBufferPointer, recordCount: Int) {
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        state.withLock { state in
            state.lines += lines
            state.largestBatch = max(state.largestBatch, bytes.count)
        }
    }
    func log(_ record: LogRecord) {}
    func flush() {}
    func close() { state.withLock { $0.closed = true } }
    var statistics: SinkStatistics { SinkStatistics() }

    var lines: [String] { state.withLock { $0.lines } }
    var largestBatch: Int { state.withLock { $0.largestBatch } }
    var isClosed: Bool { state.withLock { $0.closed } }
}

/// A formatted sink whose `close()` takes a while (a rotating sink compressing its backlog).
final class SlowClosingSink: FormattedLogSink {
    private let closed = Locked(false)
    private let closeDelay: Double
    var formatter: any LogFormatter { PlainLineFormatter() }

    init(closeDelay: Double) { self.closeDelay = closeDelay }

    func write(formatted bytes: UnsafeRawBufferPointer, recordCount: Int) {}
    func log(_ record: LogRecord) {}
    func flush() {}
    func close() {
        Thread.sleep(forTimeInterval: closeDelay)
        closed.withLock { $0 = true }
    }
    var statistics: SinkStatistics { SinkStatistics() }
    var isClosed: Bool { closed.withLock { $0 } }
}

@Suite struct AsyncSinkTests {
    /// Checks that each thread's records appear at most once and in order; returns how many.
    private func checkPerThreadOrder(_ lines: [String], threads: Int) -> Int {
        var last = [Int](repeating: -1, count: threads)
        var count = 0
        for line in lines {
            let parts = line.split(separator: " ")
            guard parts.count >= 3, let t = Int(parts[1].dropFirst()), let s = Int(parts[2].dropFirst()) else {
                Issue.record("unexpected line \(line)")
                continue
            }
            #expect(s > last[t], "thread \(t): \(s) after \(last[t])")
            last[t] = s
            count += 1
        }
        return count
    }

    @Test(arguments: [true, false])
    func blockingLosesNothingThroughARotatingFile(formatsOnWriterThread: Bool) throws {
        try withTemporaryDirectory { dir in
            let file = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 16 * 1024))
            let sink = try AsyncSink(
                wrapping: file,
                configuration: AsyncSinkConfiguration(
                    capacity: 64, overflow: .block, formatsOnWriterThread: formatsOnWriterThread))
            DispatchQueue.concurrentPerform(iterations: 4) { t in
                for i in 0..<10_000 { sink.log(record("t\(t) s\(i) " + String(repeating: "b", count: 40))) }
            }
            sink.close()
            #expect(file.statistics.recordsWritten == 40_000)
            #expect(sink.statistics.recordsWritten == 40_000)
            #expect(sink.statistics.totalRecordsDropped == 0)
            var all: [String] = []
            for name in try archiveNames(in: dir) {
                #expect(try fileSize(dir + "/" + name) <= 16 * 1024)  // batches split where rotation falls
                all += try lines(of: dir + "/" + name)
            }
            all += try lines(of: dir + "/app.log")
            #expect(all.count == 40_000)
            #expect(checkPerThreadOrder(all, threads: 4) == 40_000)
        }
    }

    @Test(arguments: [AsyncSinkConfiguration.OverflowPolicy.dropNewest, .dropOldest], [true, false])
    func droppingPoliciesCountEveryDrop(
        _ policy: AsyncSinkConfiguration.OverflowPolicy, formatsOnWriterThread: Bool
    ) throws {
        let slow = SlowCollectingSink(delayPerBatch: 0.002)
        let sink = try AsyncSink(
            wrapping: slow,
            configuration: AsyncSinkConfiguration(
                capacity: 16, overflow: policy, formatsOnWriterThread: formatsOnWriterThread))
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for i in 0..<2_000 { sink.log(record("t\(t) s\(i)")) }
        }
        sink.close()
        let stats = sink.statistics
        let cause: SinkStatistics.DropCause = policy == .dropNewest ? .queueFullNewest : .queueFullOldest
        #expect(stats.recordsDropped[cause] ?? 0 > 0)
        #expect(stats.recordsWritten + stats.totalRecordsDropped == 8_000)
        #expect(stats.recordsDropped.keys.allSatisfy { $0 == cause })
        let delivered = slow.lines
        #expect(delivered.count == stats.recordsWritten)
        #expect(checkPerThreadOrder(delivered, threads: 4) == delivered.count)
        #expect(slow.isClosed)
    }

    @Test func theQueueNeverHoldsMoreThanItsByteBound() throws {
        let slow = SlowCollectingSink(delayPerBatch: 0.001)
        let sink = try AsyncSink(
            wrapping: slow,
            configuration: AsyncSinkConfiguration(capacity: 1_000_000, maximumQueuedBytes: 4_096, overflow: .block))
        for i in 0..<5_000 { sink.log(record("r\(i) " + String(repeating: "q", count: 60))) }
        sink.close()
        #expect(slow.lines.count == 5_000)
        #expect(slow.largestBatch <= 4_096)
    }

    @Test func flushReturnsOnlyOnceEarlierRecordsAreInTheFile() throws {
        try withTemporaryDirectory { dir in
            let file = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            let sink = try AsyncSink(wrapping: file)
            for i in 0..<1_000 { sink.log(record("r\(i)")) }
            sink.flush()
            #expect(try lines(of: dir + "/app.log").count == 1_000)
            sink.close()
        }
    }

    @Test func recordsAtTheFlushLevelAreWrittenBeforeLogReturns() throws {
        try withTemporaryDirectory { dir in
            let file = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            let sink = try AsyncSink(
                wrapping: file,
                configuration: AsyncSinkConfiguration(flushLevel: .error))
            for i in 0..<100 { sink.log(record("r\(i)")) }
            sink.log(record("boom", level: .error))
            #expect(try lines(of: dir + "/app.log").last == "error boom")
            sink.close()
        }
    }

    @Test func closeGivesUpAfterItsTimeoutAndCountsWhatItLeft() throws {
        let slow = SlowCollectingSink(delayPerBatch: 0.5)
        let sink = try AsyncSink(
            wrapping: slow,
            configuration: AsyncSinkConfiguration(closeTimeout: .milliseconds(100)))
        sink.log(record("first"))
        Thread.sleep(forTimeInterval: 0.05)  // let the writer start its slow batch
        for i in 0..<100 { sink.log(record("r\(i)")) }
        let started = Date()
        sink.close()
        #expect(Date().timeIntervalSince(started) < 0.45)
        // The moment close() returns, every record is settled: the first is being written (and
        // counted as abandoned: it may yet reach the file), the 100 queued ones are abandoned.
        let atClose = sink.statistics
        #expect(atClose.recordsWritten + atClose.totalRecordsDropped == 101)
        #expect(atClose.recordsDropped[.abandonedAtClose] == 101)
        sink.log(record("late"))
        #expect(sink.statistics.recordsDropped[.closed] == 1)
        // The stuck write comes back later: it is not counted a second time.
        Thread.sleep(forTimeInterval: 0.6)
        #expect(sink.statistics.recordsWritten + sink.statistics.totalRecordsDropped == 102)
    }

    /// Once the queue has drained, the wrapped sink's close runs to its end whatever the timeout:
    /// it is where a rotating sink finishes its archives.
    @Test func aDrainedQueueLetsTheWrappedSinkCloseWithoutATimeout() throws {
        let slowClose = SlowClosingSink(closeDelay: 0.3)
        let sink = try AsyncSink(
            wrapping: slowClose,
            configuration: AsyncSinkConfiguration(closeTimeout: .milliseconds(50)))
        for i in 0..<10 { sink.log(record("r\(i)")) }
        sink.close()
        #expect(slowClose.isClosed)
        #expect(sink.statistics.recordsWritten == 10)
        #expect(sink.statistics.totalRecordsDropped == 0)
    }

    /// Polls `condition` every millisecond for up to `seconds`; returns whether it came true.
    private func eventually(within seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.001)
        }
        return condition()
    }

    /// Records queued unformatted and lines formatted by the direct API keep their order: the
    /// writer formats each deferred record where it was queued.
    @Test func deferredAndPreformattedRecordsKeepTheirOrder() throws {
        try withTemporaryDirectory { dir in
            let file = try FileSink(path: dir + "/app.log", formatter: JSONFormatter())
            let sink = try AsyncSink(wrapping: file)
            let direct = DirectLogger(label: "direct", sink: sink)
            var expected: [String] = []
            for i in 0..<3_000 {
                if i % 3 == 0 {
                    direct.info("direct") { $0.int("i", i) }
                    expected.append("direct \(i)")
                } else {
                    sink.log(
                        LogRecord(
                            timestamp: LogTimestamp(secondsSinceEpoch: 1), level: .info, label: "record",
                            message: "record", metadata: ["i": "\(i)"]))
                    expected.append("record \(i)")
                }
            }
            sink.close()
            let got = try lines(of: dir + "/app.log").map { line -> String in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                let metadata = object?["metadata"] as? [String: Any]
                let index = (metadata?["i"] as? Int).map(String.init) ?? (metadata?["i"] as? String ?? "?")
                return "\(object?["label"] as? String ?? "?") \(index)"
            }
            #expect(got == expected)
        }
    }

    @Test func aLoneRecordIsWrittenOnceTheBatchDelayPasses() throws {
        let collected = SlowCollectingSink(delayPerBatch: 0)
        let sink = try AsyncSink(
            wrapping: collected,
            configuration: AsyncSinkConfiguration(batchDelay: .milliseconds(1)))
        sink.log(record("alone"))
        #expect(eventually(within: 5) { collected.lines == ["info alone"] })
        sink.close()
    }

    @Test func fullBatchesDoNotWaitForTheBatchDelay() throws {
        let collected = SlowCollectingSink(delayPerBatch: 0)
        // 4 KiB bound: a batch is full at 2 KiB, about 30 of these records.
        let sink = try AsyncSink(
            wrapping: collected,
            configuration: AsyncSinkConfiguration(maximumQueuedBytes: 4_096, batchDelay: .seconds(600)))
        for i in 0..<1_000 { sink.log(record("r\(i) " + String(repeating: "f", count: 60))) }
        // Everything but the last, partial batch is written without a flush.
        #expect(eventually(within: 10) { collected.lines.count >= 900 })
        sink.close()
        #expect(collected.lines.count == 1_000)
    }

    /// A full queue ends the writer's wait for a batch at once, whatever the policy: with a
    /// ten-minute batch delay, a burst larger than the queue still gets through (or is counted)
    /// in well under that.
    @Test(arguments: [AsyncSinkConfiguration.OverflowPolicy.block, .dropNewest, .dropOldest])
    func aFullQueueNeverWaitsForTheBatchDelay(_ policy: AsyncSinkConfiguration.OverflowPolicy) throws {
        let collected = SlowCollectingSink(delayPerBatch: 0)
        let sink = try AsyncSink(
            wrapping: collected,
            configuration: AsyncSinkConfiguration(
                capacity: 8, maximumQueuedBytes: 1_000, overflow: policy, batchDelay: .seconds(600)))
        let started = Date()
        for i in 0..<500 { sink.log(record("r\(i) " + String(repeating: "p", count: 300))) }
        // Every record is settled (written or counted as dropped) long before the delay: each one
        // here is a full batch, so none may sit in the queue waiting for it. (With `dropNewest`
        // as few as one record may be written, if the whole burst comes before the first take.)
        #expect(
            eventually(within: 30) {
                let stats = sink.statistics
                return stats.recordsWritten + stats.totalRecordsDropped == 500
            })
        sink.close()
        let stats = sink.statistics
        #expect(stats.recordsWritten + stats.totalRecordsDropped == 500)
        if policy == .block { #expect(collected.lines.count == 500) }
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func aLongBatchDelayNeverHoldsBackFlushOrClose() throws {
        let collected = SlowCollectingSink(delayPerBatch: 0)
        let sink = try AsyncSink(
            wrapping: collected,
            configuration: AsyncSinkConfiguration(batchDelay: .seconds(600)))
        for i in 0..<10 { sink.log(record("r\(i)")) }
        let started = Date()
        sink.flush()
        #expect(collected.lines.count == 10)
        for i in 10..<15 { sink.log(record("r\(i)")) }
        sink.close()
        #expect(collected.lines.count == 15)
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func invalidBoundsThrow() {
        #expect {
            _ = try AsyncSink(
                wrapping: SlowCollectingSink(delayPerBatch: 0),
                configuration: AsyncSinkConfiguration(batchDelay: .milliseconds(-1)))
        } throws: { error in
            (error as? SinkError)?.field == "batchDelay"
        }
        #expect(throws: SinkError.self) {
            _ = try AsyncSink(
                wrapping: SlowCollectingSink(delayPerBatch: 0),
                configuration: AsyncSinkConfiguration(capacity: 0))
        }
        #expect(throws: SinkError.self) {
            _ = try AsyncSink(
                wrapping: SlowCollectingSink(delayPerBatch: 0),
                configuration: AsyncSinkConfiguration(maximumQueuedBytes: 0))
        }
    }
}
