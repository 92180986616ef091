import Logging
import RotorCore
import RotorTestKit
import Testing

@testable import RotorSinks

@Suite struct AsyncQueueTests {
    /// With the writer stuck, `dropOldest` keeps evicting; the evicted entries must not pile up
    /// in the queue's storage (formatted lines or captures alike).
    @Test func evictionsDoNotGrowTheStorage() {
        var queue = AsyncQueue(maximumBytes: 1 << 20)
        let line = Array(repeating: UInt8(ascii: "x"), count: 99) + [UInt8(ascii: "\n")]
        for index in 0..<100_000 {
            if queue.queuedRecords >= 50 {
                _ = queue.evictOldest()
                queue.compactIfMostlyEvicted()
            }
            // Odd records stand for captures, one byte shorter than lines.
            let bytes = index % 2 == 0 ? line : Array(line.dropLast())
            bytes.withUnsafeBytes { queue.append($0, isCapture: index % 2 == 1) }
        }
        #expect(queue.queuedRecords == 50)
        #expect(queue.queuedCaptures == 25)
        #expect(queue.bytes.count <= 2 * 50 * line.count)
        #expect(queue.entries.count <= 2 * 50 + 1)
        #expect(queue.queuedBytes == 25 * line.count + 25 * (line.count - 1))

        // What is left is the newest 50, in order, captures where they were.
        let batch = queue.takeAll()
        #expect(batch.records == 50)
        #expect(batch.captures == 25)
        let live = batch.entries[batch.head...]
        #expect(live.map(\.isCapture) == (0..<50).map { $0 % 2 == 1 })
        #expect(batch.buffer.count - batch.start == 25 * line.count + 25 * (line.count - 1))
        #expect(live.last?.end == batch.buffer.count)
    }

    /// Saturated, with the writer taking whatever is queued: the two buffers never grow past half
    /// the bound each, so formatted records never take more memory than the bound.
    @Test func buffersStayWithinHalfTheBoundEachUnderSaturation() {
        let bound = 256 << 10
        var queue = AsyncQueue(maximumBytes: bound)
        var generator = SplitMix64(seed: 11)
        var line: [UInt8] = []
        for _ in 0..<200 {
            // Fill until full, with records of varied sizes.
            while true {
                let size = Int.random(in: 20...3_000, using: &generator)
                guard queue.hasRoom(for: size, capacity: 1_000_000, maximumBytes: bound) else { break }
                line = Array(repeating: UInt8(ascii: "y"), count: size - 1) + [UInt8(ascii: "\n")]
                line.withUnsafeBytes { queue.append($0, isCapture: false) }
            }
            #expect(queue.queuedBytes + queue.inFlightBytes <= bound)
            if queue.inFlightRecords > 0 {
                var buffer: [UInt8] = []
                var entries: [AsyncQueue.Entry] = []
                queue.finishWriting(&buffer, entries: &entries, records: queue.inFlightRecords)
            }
            var batch = queue.takeAll()
            #expect(batch.buffer.count - batch.start <= bound / 2)
            // Reserved at half; allocation rounding aside, never doubled past it.
            #expect(batch.buffer.capacity <= bound)
            #expect(queue.bytes.capacity <= bound)
            batch.buffer.removeAll(keepingCapacity: true)
            // Give the written batch back, as the writer does.
            queue.finishWriting(&batch.buffer, entries: &batch.entries, records: 0)
            queue.inFlightRecords = batch.records
        }
        // An oversize record is still accepted into an empty queue.
        var empty = AsyncQueue(maximumBytes: 1_000)
        #expect(empty.hasRoom(for: 5_000, capacity: 10, maximumBytes: 1_000))
        Array(repeating: UInt8(ascii: "z"), count: 5_000).withUnsafeBytes { empty.append($0, isCapture: false) }
        #expect(!empty.hasRoom(for: 10, capacity: 10, maximumBytes: 1_000))
    }
}
