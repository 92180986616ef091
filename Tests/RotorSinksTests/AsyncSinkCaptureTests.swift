import Foundation
import Logging
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

/// An `AsyncSink` with a `JSONFormatter` captures records on the producers' threads and formats
/// the captures on its writer thread: the files must hold exactly what formatting the records
/// themselves gives, in order, with every drop counted.
@Suite struct AsyncSinkCaptureTests {
    private let formatter = JSONFormatter(fields: [.source, .line])

    private func makeRecord(thread: Int, sequence: Int, padding: Int = 0) -> LogRecord {
        LogRecord(
            timestamp: LogTimestamp(secondsSinceEpoch: 1_700_000_000, nanoseconds: Int64(sequence)),
            level: Logger.Level.allCases[sequence % Logger.Level.allCases.count], label: "t\(thread)",
            message: "s\(sequence)" + String(repeating: "é", count: padding),
            metadata: ["thread": "\(thread)", "sequence": .stringConvertible(sequence), "tags": ["a", ["b": "c"]]],
            source: "Src", line: UInt(sequence))
    }

    private func expectedLine(_ record: LogRecord) -> String {
        var buffer = LogBuffer()
        formatter.format(record, into: &buffer)
        return String(buffer.text.dropLast())
    }

    /// Checks that every line is the formatted record it names, each thread's in order; returns
    /// how many lines there are.
    private func checkLines(_ lines: [String], padding: Int = 0) throws -> Int {
        var last: [String: Int] = [:]
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let metadata = try #require(object["metadata"] as? [String: Any])
            let thread = try #require(Int(metadata["thread"] as? String ?? ""))
            let sequence = try #require(Int(metadata["sequence"] as? String ?? ""))
            #expect(line == expectedLine(makeRecord(thread: thread, sequence: sequence, padding: padding)))
            #expect(sequence > last["\(thread)", default: -1])
            last["\(thread)"] = sequence
        }
        return lines.count
    }

    @Test func blockingWritesEveryCaptureThroughARotatingFile() throws {
        try withTemporaryDirectory { dir in
            let file = try RotatingFileSink(
                path: dir + "/app.log", formatter: formatter, strategy: SizeRotation(maxBytes: 32 * 1024))
            let sink = try AsyncSink(
                wrapping: file,
                configuration: AsyncSinkConfiguration(capacity: 64, maximumQueuedBytes: 16 * 1024, overflow: .block))
            DispatchQueue.concurrentPerform(iterations: 4) { thread in
                for sequence in 0..<5_000 { sink.log(makeRecord(thread: thread, sequence: sequence, padding: 20)) }
            }
            sink.close()
            #expect(sink.statistics.recordsWritten == 20_000)
            #expect(sink.statistics.totalRecordsDropped == 0)
            var all: [String] = []
            for name in try archiveNames(in: dir) { all += try lines(of: dir + "/" + name) }
            all += try lines(of: dir + "/app.log")
            #expect(try checkLines(all, padding: 20) == 20_000)
        }
    }

    @Test(arguments: [AsyncSinkConfiguration.OverflowPolicy.dropNewest, .dropOldest])
    func droppedCapturesAreCountedAndTheRestAreIntact(_ policy: AsyncSinkConfiguration.OverflowPolicy) throws {
        let slow = SlowCollectingSink(delayPerBatch: 0.002, formatter: formatter)
        let sink = try AsyncSink(
            wrapping: slow, configuration: AsyncSinkConfiguration(capacity: 16, overflow: policy))
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for sequence in 0..<1_500 { sink.log(makeRecord(thread: thread, sequence: sequence)) }
        }
        sink.close()
        let stats = sink.statistics
        #expect(stats.totalRecordsDropped > 0)
        #expect(stats.recordsWritten + stats.totalRecordsDropped == 6_000)
        #expect(try checkLines(slow.lines) == stats.recordsWritten)
    }

    /// A stuck writer under `dropOldest` evicts captures and compacts the queue; what is left is
    /// the newest records, whole.
    @Test func evictedCapturesLeaveTheNewestWhole() throws {
        let collected = SlowCollectingSink(delayPerBatch: 0.05, formatter: formatter)
        let sink = try AsyncSink(
            wrapping: collected,
            configuration: AsyncSinkConfiguration(capacity: 100, overflow: .dropOldest, batchDelay: .zero))
        for sequence in 0..<10_000 { sink.log(makeRecord(thread: 0, sequence: sequence)) }
        sink.flush()
        sink.close()
        let delivered = collected.lines
        #expect(sink.statistics.recordsWritten + sink.statistics.totalRecordsDropped == 10_000)
        #expect(try checkLines(delivered) == delivered.count)
        #expect(delivered.last == expectedLine(makeRecord(thread: 0, sequence: 9_999)))
    }

    /// The same records through a synchronous file sink and through the async sink give the same
    /// bytes, for every formatter configuration (flattened metadata is not captured).
    @Test(arguments: [
        JSONFormatter(), JSONFormatter(fields: []), JSONFormatter(metadataPlacement: .flattened),
    ])
    func theFileHoldsWhatASynchronousSinkWrites(formatter: JSONFormatter) throws {
        try withTemporaryDirectory { dir in
            let records = (0..<500).map { sequence in
                var record = makeRecord(thread: sequence % 3, sequence: sequence)
                record.metadata["hostile"] = "\u{0}\n\"\u{2028}😀 e\u{301}"
                record.metadata["e\u{301}"] = "before f"
                record.metadata["f"] = "after é"
                if sequence % 7 == 0 { record.error = CocoaError(.fileReadNoPermission) }
                return record
            }
            let plain = try FileSink(path: dir + "/sync.log", formatter: formatter)
            let file = try FileSink(path: dir + "/async.log", formatter: formatter)
            let async = try AsyncSink(wrapping: file)
            for record in records {
                plain.log(record)
                async.log(record)
            }
            plain.close()
            async.close()
            let written = try Data(contentsOf: URL(fileURLWithPath: dir + "/async.log"))
            #expect(written == (try Data(contentsOf: URL(fileURLWithPath: dir + "/sync.log"))))
            #expect(written.split(separator: UInt8(ascii: "\n")).count == 500)
        }
    }
}
