import Logging
import RotorCore
import Testing

@testable import RotorSinks

@Suite struct AsyncQueueTests {
    private func record(_ index: Int) -> LogRecord {
        LogRecord(timestamp: LogTimestamp(secondsSinceEpoch: 1), level: .info, label: "q", message: "m\(index)")
    }

    /// With the writer stuck, `dropOldest` keeps evicting; the evicted entries must not pile up
    /// in the queue's storage (pre-formatted bytes or deferred records alike).
    @Test func evictionsDoNotGrowTheStorage() {
        var queue = AsyncQueue()
        let line = Array(repeating: UInt8(ascii: "x"), count: 99) + [UInt8(ascii: "\n")]
        for index in 0..<100_000 {
            if queue.queuedRecords >= 50 {
                _ = queue.evictOldest()
                queue.compactIfMostlyEvicted()
            }
            if index % 2 == 0 {
                line.withUnsafeBytes { queue.append($0) }
            } else {
                queue.appendDeferred(record(index), estimatedBytes: 100)
            }
        }
        #expect(queue.queuedRecords == 50)
        #expect(queue.bytes.count <= 2 * 50 * line.count)
        #expect(queue.ends.count <= 2 * 50 + 1)
        #expect(queue.deferred.count <= 2 * 50 + 1)
        #expect(queue.queuedBytes == 25 * line.count + 25 * 100)

        // What is left is the newest 50, in order.
        let batch = queue.takeAll()
        #expect(batch.records == 50)
        #expect(batch.deferred.map { $0.record.message } == stride(from: 99_951, to: 100_000, by: 2).map { "m\($0)" })
        #expect(batch.buffer.count - batch.start == 25 * line.count)
    }
}
