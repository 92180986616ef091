import Dispatch
import Logging
import RotorCore
import RotorTestKit
import Synchronization
import Testing

@Suite struct InMemorySinkTests {
    @Test func storesRecordsInOrderAndCountsThemAsWritten() throws {
        let sink = InMemorySink()
        for i in 0..<5 { sink.log(record("message \(i)")) }

        #expect(sink.count == 5)
        #expect(sink.messages == (0..<5).map { "message \($0)" })
        #expect(sink.records.map(\.message) == sink.messages)
        #expect(sink.lines.isEmpty)
        let stats = sink.statistics
        #expect(stats.recordsWritten == 5)
        #expect(stats.bytesWritten == 5 * "message 0".utf8.count)
        #expect(stats.totalRecordsDropped == 0)
    }

    @Test func countsMessageUTF8BytesWithoutAFormatter() throws {
        let sink = InMemorySink()
        sink.log(record("héllo"))  // 5 characters, 6 UTF-8 bytes
        #expect(sink.statistics.bytesWritten == 6)
    }

    @Test func keepsFormattedLinesWithoutTheirNewline() throws {
        let sink = InMemorySink(formatter: LevelMessageFormatter())
        sink.log(record("first", level: .info))
        sink.log(record("second", level: .error))

        #expect(sink.lines == ["info first", "error second"])
        // Bytes are the formatted lengths, newline included.
        #expect(sink.statistics.bytesWritten == "info first\n".utf8.count + "error second\n".utf8.count)
    }

    @Test func formatsAtLogTime() throws {
        let formatter = CountingFormatter()
        let sink = InMemorySink(formatter: formatter)
        sink.log(record("a"))
        sink.log(record("b"))
        #expect(formatter.calls.load(ordering: .relaxed) == 2)
        _ = sink.lines
        _ = sink.lines
        #expect(formatter.calls.load(ordering: .relaxed) == 2)
    }

    @Test func capacityBelowOneThrowsATestKitError() {
        for capacity in [0, -3] {
            let error = #expect(throws: TestKitError.self) { try InMemorySink(capacity: capacity) }
            #expect(error?.code == .invalidConfiguration)
            #expect(error?.field == "capacity")
        }
        #expect(throws: Never.self) { try InMemorySink(capacity: 1) }
    }

    @Test func capacityEvictsTheOldestRecordAndCountsIt() throws {
        let sink = try InMemorySink(formatter: LevelMessageFormatter(), capacity: 3)
        let messages = ["a", "bb", "ccc", "dddd", "eeeee"]
        for message in messages { sink.log(record(message)) }

        #expect(sink.count == 3)
        #expect(sink.messages == ["ccc", "dddd", "eeeee"])
        #expect(sink.lines == ["info ccc", "info dddd", "info eeeee"])
        let stats = sink.statistics
        #expect(stats.recordsDropped == [.capacity: 2])
        #expect(stats.bytesDropped == [.capacity: "info a\n".utf8.count + "info bb\n".utf8.count])
        #expect(stats.recordsWritten == 3)
        #expect(stats.bytesWritten == ["ccc", "dddd", "eeeee"].map { "info \($0)\n".utf8.count }.reduce(0, +))
    }

    @Test func keepsTheNewestRecordsAcrossManyEvictions() throws {
        let sink = try InMemorySink(formatter: LevelMessageFormatter(), capacity: 7)
        for i in 0..<1000 { sink.log(record("\(i)")) }

        #expect(sink.messages == (993..<1000).map { "\($0)" })
        #expect(sink.lines == (993..<1000).map { "info \($0)" })
        #expect(sink.statistics.recordsDropped[.capacity] == 993)
        #expect(sink.statistics.recordsWritten == 7)
    }

    @Test func queriesFilterByLevelMessageAndMetadata() throws {
        let sink = InMemorySink()
        sink.log(record("cache miss", level: .debug, metadata: ["key": "user:1"]))
        sink.log(
            record("request served", level: .info, metadata: ["request.id": "42", "status": .stringConvertible(200)]))
        sink.log(record("slow request", level: .warning, metadata: ["request.id": "43"]))
        sink.log(record("request failed", level: .error, metadata: ["request.id": "42"]))

        #expect(sink.records(at: .info).map(\.message) == ["request served"])
        #expect(sink.records(at: .critical).isEmpty)
        #expect(sink.records(atLeast: .warning).map(\.message) == ["slow request", "request failed"])
        #expect(sink.records(atLeast: .trace).count == 4)
        #expect(
            sink.records(containing: "request").map(\.message) == ["request served", "slow request", "request failed"])
        #expect(sink.records(containing: "Request").isEmpty)
        #expect(sink.records(withMetadataKey: "request.id").count == 3)
        #expect(sink.records(withMetadataKey: "missing").isEmpty)
        #expect(
            sink.records(withMetadata: "request.id", value: "42").map(\.message) == [
                "request served", "request failed",
            ])
        #expect(sink.records(withMetadata: "status", value: "200").map(\.message) == ["request served"])
        #expect(sink.records(withMetadata: "request.id", value: "4").isEmpty)
    }

    @Test func resetClearsRecordsAndLinesButKeepsCounters() throws {
        let sink = InMemorySink(formatter: LevelMessageFormatter())
        sink.log(record("before"))
        sink.log(record("before"))
        sink.reset()

        #expect(sink.count == 0)
        #expect(sink.records.isEmpty)
        #expect(sink.lines.isEmpty)
        #expect(sink.statistics.recordsWritten == 2)

        sink.log(record("after"))
        #expect(sink.messages == ["after"])
        #expect(sink.lines == ["info after"])
        #expect(sink.statistics.recordsWritten == 3)
    }

    @Test func resetAtCapacityStartsAFreshWindow() throws {
        let sink = try InMemorySink(capacity: 2)
        for i in 0..<5 { sink.log(record("\(i)")) }
        sink.reset()
        sink.log(record("x"))
        sink.log(record("y"))
        sink.log(record("z"))
        #expect(sink.messages == ["y", "z"])
        #expect(sink.statistics.recordsDropped[.capacity] == 4)
    }

    @Test func closeDropsLaterRecordsAndCountsThemAsClosed() throws {
        let sink = InMemorySink()
        sink.log(record("kept"))
        sink.close()
        sink.close()  // harmless
        sink.flush()
        for _ in 0..<3 { sink.log(record("late")) }

        #expect(sink.isClosed)
        #expect(sink.messages == ["kept"])
        let stats = sink.statistics
        #expect(stats.recordsDropped == [.closed: 3])
        #expect(stats.bytesDropped == [.closed: 3 * "late".utf8.count])
        #expect(stats.recordsWritten == 1)
    }

    @Test func writtenPlusDroppedEqualsProduced() throws {
        let sink = try InMemorySink(formatter: LevelMessageFormatter(), capacity: 5)
        var producedBytes = 0
        for i in 0..<16 {
            if i == 12 { sink.close() }
            let message = String(repeating: "m", count: i + 1)
            producedBytes += "info \(message)\n".utf8.count
            sink.log(record(message))
        }

        let stats = sink.statistics
        #expect(stats.recordsWritten + stats.totalRecordsDropped == 16)
        #expect(stats.bytesWritten + stats.bytesDropped.values.reduce(0, +) == producedBytes)
        #expect(stats.recordsDropped == [.capacity: 7, .closed: 4])
        #expect(stats.recordsWritten == sink.count)
    }

    @Test func concurrentWritersLoseNothingAndKeepTheirOrder() throws {
        let threads = 8
        let perThread = 10_000
        let sink = InMemorySink()

        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for i in 0..<perThread {
                sink.log(record("m", label: "thread-\(thread)", line: UInt(i)))
            }
        }

        let records = sink.records
        #expect(records.count == threads * perThread)
        var lines: [String: [UInt]] = [:]
        for record in records { lines[record.label, default: []].append(record.line) }
        #expect(lines.count == threads)
        for thread in 0..<threads {
            #expect(lines["thread-\(thread)"] == (0..<perThread).map { UInt($0) }, "thread \(thread)")
        }
        let stats = sink.statistics
        #expect(stats.recordsWritten == threads * perThread)
        #expect(stats.totalRecordsDropped == 0)
    }

    @Test func concurrentWritersAtCapacityKeepTheIdentity() throws {
        let threads = 8
        let perThread = 5_000
        let sink = try InMemorySink(formatter: LevelMessageFormatter(), capacity: 100)

        // Snapshots taken while other threads evict must never count more written records than fit.
        let largestWritten = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for i in 0..<perThread {
                sink.log(record("\(i)", label: "thread-\(thread)", line: UInt(i)))
                if thread == 0 && i % 100 == 0 {
                    largestWritten.max(sink.statistics.recordsWritten, ordering: .relaxed)
                }
            }
        }
        #expect(largestWritten.load(ordering: .relaxed) == 100)

        let stats = sink.statistics
        #expect(sink.count == 100)
        #expect(sink.lines.count == 100)
        #expect(stats.recordsWritten == 100)
        #expect(stats.recordsWritten + stats.totalRecordsDropped == threads * perThread)
        // Each thread's surviving records are still in its own order.
        var lines: [String: [UInt]] = [:]
        for record in sink.records { lines[record.label, default: []].append(record.line) }
        for (_, sequence) in lines { #expect(sequence == sequence.sorted()) }
    }
}

// MARK: - Helpers

private func record(
    _ message: String,
    level: Logger.Level = .info,
    label: String = "test",
    metadata: Logger.Metadata = [:],
    line: UInt = 1
) -> LogRecord {
    LogRecord(
        timestamp: LogTimestamp(secondsSinceEpoch: 1_700_000_000),
        level: level,
        label: label,
        message: message,
        metadata: metadata,
        source: "tests",
        file: "RotorTestKitTests/InMemorySinkTests.swift",
        function: "test()",
        line: line
    )
}

/// Writes `<level> <message>\n`.
private struct LevelMessageFormatter: LogFormatter {
    func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        buffer.append(contentsOf: "\(record.level) \(record.message)\n".utf8)
    }
}

/// Writes `<message>\n` and counts its calls.
private final class CountingFormatter: LogFormatter {
    let calls = Atomic<Int>(0)

    func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        calls.add(1, ordering: .relaxed)
        buffer.append(contentsOf: "\(record.message)\n".utf8)
    }
}
