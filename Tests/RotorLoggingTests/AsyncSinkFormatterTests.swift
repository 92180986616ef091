import Foundation
import Logging
import RotorCore
import RotorFormatters
import RotorLogging
import RotorSinks
import RotorTestKit
import Testing

/// swift-log records through an `AsyncSink` (captured on the caller's thread, formatted on the
/// writer thread) give the bytes a synchronous sink writes for the same records, for every
/// built-in formatter; direct records in between keep their place.
@Suite struct AsyncSinkFormatterTests {
    /// Through a `MultiplexSink` both sinks take the swift-log event (the async sink captures the
    /// event); through a `RecordOnlySink` both get the handler's `LogRecord` (the async sink
    /// captures the record).
    @Test(arguments: 0..<SwiftLogSamples.formatters.count, [true, false])
    func capturesFormatToWhatASynchronousSinkWrites(index: Int, eventPath: Bool) throws {
        let formatter = SwiftLogSamples.formatters[index]
        try withTemporaryDirectory { dir in
            let plain = try FileSink(path: dir + "/sync.log", formatter: formatter)
            let file = try FileSink(path: dir + "/async.log", formatter: formatter)
            let async = try AsyncSink(wrapping: file)
            let both: any LogSink = eventPath ? MultiplexSink([plain, async]) : RecordOnlySink(plain, async)
            let provider = Logger.MetadataProvider { ["trace": "t-1", "shared": .dictionary(["from": "provider"])] }
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 5))
            var logger = Logger(label: "app.\u{0}label") {
                RotorLogHandler(label: $0, sink: both, logLevel: .trace, metadataProvider: provider, clock: clock)
            }
            logger[metadataKey: "handler"] = "h"
            logger[metadataKey: "shared"] = "handler"
            let direct = DirectLogger(label: "direct", sink: plain, clock: clock)
            let directAsync = DirectLogger(label: "direct", sink: async, clock: clock)
            let counter = SwiftLogSamples.Counter()
            for sequence in 0..<300 {
                counter.value = sequence
                SwiftLogSamples.log(logger, sequence, counter)
                counter.value = -1  // a capture was described before this
                if sequence % 4 == 0 {
                    Self.logDirect(direct, sequence)
                    Self.logDirect(directAsync, sequence)
                }
            }
            plain.close()
            async.close()
            let written = try Data(contentsOf: URL(fileURLWithPath: dir + "/async.log"))
            #expect(written == (try Data(contentsOf: URL(fileURLWithPath: dir + "/sync.log"))))
            #expect(written.split(separator: UInt8(ascii: "\n")).count == 375)
            #expect(!String(decoding: written, as: UTF8.self).contains("count -1"))
            #expect(async.statistics.recordsWritten == 375)
        }
    }

    private static func logDirect<Sink: TypedLogSink>(_ logger: DirectLogger<Sink>, _ sequence: Int) {
        logger.warning("direct \t record") { fields in
            fields.int("sequence", sequence)
            fields.string("path") {
                $0.append("/items/"); $0.append(sequence)
            }
            fields.double("ratio", Double(sequence) / 8)
            fields.bool("ok", sequence % 8 == 0)
        }
    }

    /// `formatsOnWriterThread: false` formats on the caller's thread: the same bytes.
    @Test func formattingOnTheCallersThreadGivesTheSameBytes() throws {
        try withTemporaryDirectory { dir in
            let formatter = TextFormatter()
            let sinks = try [true, false].map { onWriter in
                try AsyncSink(
                    wrapping: try FileSink(path: dir + "/\(onWriter).log", formatter: formatter),
                    configuration: AsyncSinkConfiguration(formatsOnWriterThread: onWriter))
            }
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_000))
            let logger = Logger(label: "l") { RotorLogHandler(label: $0, sink: MultiplexSink(sinks), clock: clock) }
            for index in 0..<100 { logger.info("m\(index)", metadata: ["i": "\(index)", "d": ["k": "v"]]) }
            sinks.forEach { $0.close() }
            let captured = try Data(contentsOf: URL(fileURLWithPath: dir + "/true.log"))
            #expect(captured == (try Data(contentsOf: URL(fileURLWithPath: dir + "/false.log"))))
            #expect(captured.split(separator: UInt8(ascii: "\n")).count == 100)
        }
    }
}
