import Foundation
import Logging
import RotorCore
import RotorFormatters
import RotorLogging
import RotorSinks
import RotorTestKit
import Testing

@Suite struct RotorLogHandlerTests {
    @Test func loggerCopiesDoNotShareLevelOrMetadataButShareTheSink() throws {
        let sink = InMemorySink()
        var a = Logger(label: "a") { RotorLogHandler(label: $0, sink: sink) }
        a[metadataKey: "k"] = "1"
        var b = a
        b.logLevel = .error
        b[metadataKey: "k"] = "2"
        b[metadataKey: "only-b"] = "yes"

        #expect(a.logLevel == .info)
        #expect(a[metadataKey: "k"] == "1")
        #expect(a[metadataKey: "only-b"] == nil)
        #expect(b.logLevel == .error)
        #expect(b[metadataKey: "k"] == "2")

        a.info("from a")
        b.info("from b, filtered")
        b.error("from b")
        #expect(sink.messages == ["from a", "from b"])
        #expect(sink.records.map(\.metadata) == [["k": "1"], ["k": "2", "only-b": "yes"]])
    }

    @Test func mergesHandlerThenProviderThenCallSiteMetadata() throws {
        let sink = InMemorySink()
        let provider = Logger.MetadataProvider { ["b": "provider", "c": "provider", "d": "provider"] }
        var logger = Logger(label: "merge") { RotorLogHandler(label: $0, sink: sink, metadataProvider: provider) }
        logger[metadataKey: "a"] = "handler"
        logger[metadataKey: "b"] = "handler"
        logger[metadataKey: "c"] = "handler"

        logger.info("merged", metadata: ["c": "call site", "e": "call site"])
        logger.info("no call-site metadata")

        let records = sink.records
        #expect(records.count == 2)
        #expect(
            records[0].metadata == [
                "a": "handler", "b": "provider", "c": "call site", "d": "provider", "e": "call site",
            ])
        #expect(records[1].metadata == ["a": "handler", "b": "provider", "c": "provider", "d": "provider"])
    }

    @Test func keepsAMetadataProviderSetAfterCreation() throws {
        let sink = InMemorySink()
        var handler = RotorLogHandler(label: "late", sink: sink)
        #expect(handler.metadataProvider == nil)
        handler.metadataProvider = Logger.MetadataProvider { ["trace.id": "abc"] }
        #expect(handler.metadataProvider != nil)

        Logger(label: "late") { _ in handler }.info("traced")
        #expect(sink.records.first?.metadata == ["trace.id": "abc"])
    }

    @Test func preservesNestedMetadata() throws {
        let sink = InMemorySink()
        let logger = Logger(label: "nested") { RotorLogHandler(label: $0, sink: sink) }
        let nested: Logger.Metadata = [
            "request": ["id": "42", "headers": ["accept": "json"], "tags": ["a", "b", .stringConvertible(3)]],
            "empty": [:],
        ]

        logger.info("nested", metadata: nested)

        #expect(sink.records.first?.metadata == nested)
        guard case .dictionary(let request)? = sink.records.first?.metadata["request"],
            case .array(let tags)? = request["tags"]
        else {
            Issue.record("nested structure was flattened")
            return
        }
        #expect(tags.map(\.description) == ["a", "b", "3"])
    }

    @Test func recordsTheCallSiteError() throws {
        let sink = InMemorySink()
        let logger = Logger(label: "errors") { RotorLogHandler(label: $0, sink: sink) }

        logger.error("write failed", error: TestError(code: 28))
        logger.error("no error here")

        let records = sink.records
        #expect(records.count == 2)
        #expect(records[0].error as? TestError == TestError(code: 28))
        #expect(records[1].error == nil)
        // The error is not duplicated into metadata.
        #expect(records[0].metadata.isEmpty)
    }

    @Test func carriesSourceFileFunctionAndLine() throws {
        let sink = InMemorySink()
        let logger = Logger(label: "site") { RotorLogHandler(label: $0, sink: sink) }

        logger.info("explicit", source: "custom.source", file: "Module/File.swift", function: "run()", line: 77)
        let implicitLine: UInt = #line + 1
        logger.info("implicit")

        let records = sink.records
        #expect(records.count == 2)
        #expect(records[0].source == "custom.source")
        #expect(records[0].file == "Module/File.swift")
        #expect(records[0].function == "run()")
        #expect(records[0].line == 77)
        #expect(records[1].source == "RotorLoggingTests")
        #expect(records[1].file == #fileID)
        #expect(records[1].function == #function)
        #expect(records[1].line == implicitLine)
    }

    @Test func carriesTheLoggerLabelAndLevel() throws {
        let sink = InMemorySink()
        let logger = Logger(label: "com.example.worker") { RotorLogHandler(label: $0, sink: sink) }
        logger.notice("hello")

        let record = try #require(sink.records.first)
        #expect(record.label == "com.example.worker")
        #expect(record.level == .notice)
        #expect(record.message == "hello")
    }

    @Test func timestampsComeFromEachHandlersOwnClock() throws {
        let sink = InMemorySink()
        let start = LogTimestamp(secondsSinceEpoch: 1_700_000_000)
        let clock = ManualClock(start)
        let otherClock = ManualClock(LogTimestamp(secondsSinceEpoch: 42))
        let logger = Logger(label: "clocked") { RotorLogHandler(label: $0, sink: sink, clock: clock) }
        let other = Logger(label: "other") { RotorLogHandler(label: $0, sink: sink, clock: otherClock) }

        logger.info("first")
        clock.advance(by: .milliseconds(1500))
        logger.info("second")
        other.info("third")

        #expect(
            sink.records.map(\.timestamp) == [
                start, start.advanced(by: .milliseconds(1500)), LogTimestamp(secondsSinceEpoch: 42),
            ])
    }

    @Test func levelsBelowTheLogLevelAreNotDelivered() throws {
        let sink = InMemorySink()
        var logger = Logger(label: "levels") { RotorLogHandler(label: $0, sink: sink) }
        for level in Logger.Level.allCases { logger.log(level: level, "\(level)") }
        #expect(sink.records.map(\.level) == [.info, .notice, .warning, .error, .critical])

        sink.reset()
        logger.logLevel = .error
        for level in Logger.Level.allCases { logger.log(level: level, "\(level)") }
        #expect(sink.records.map(\.level) == [.error, .critical])

        sink.reset()
        logger.logLevel = .trace
        for level in Logger.Level.allCases { logger.log(level: level, "\(level)") }
        #expect(sink.records.map(\.level) == Logger.Level.allCases)
    }

    @Test func theHandlerItselfDoesNotFilterByLevel() throws {
        let sink = InMemorySink()
        let handler = RotorLogHandler(label: "direct", sink: sink, logLevel: .critical)
        handler.log(
            event: LogEvent(
                level: .trace, message: "below the level", metadata: nil, source: nil,
                file: "F.swift", function: "f()", line: 1))
        #expect(sink.records.map(\.level) == [.trace])
    }

    @Test func loggingToAClosedSinkIsCountedNotFatal() throws {
        let sink = InMemorySink()
        let logger = Logger(label: "closed") { RotorLogHandler(label: $0, sink: sink) }
        sink.close()
        logger.warning("dropped")
        #expect(sink.count == 0)
        #expect(sink.statistics.recordsDropped == [.closed: 1])
    }
}

/// The handler leaves `source` empty for a sink that never reads it, and works it out otherwise.
@Suite struct RotorLogHandlerSourceTests {
    @Test func writesTheSourceOnlyWhereTheFormatterDoes() throws {
        try withTemporaryDirectory { dir in
            let withSource = try FileSink(path: dir + "/with.log", formatter: JSONFormatter(fields: [.source]))
            let without = try FileSink(path: dir + "/without.log", formatter: JSONFormatter(fields: []))
            for sink in [withSource, without] {
                let logger = Logger(label: "src") { RotorLogHandler(label: $0, sink: sink) }
                logger.info("derived")
                logger.info("given", source: "custom.source")
                sink.close()
            }
            let withLines = try String(contentsOfFile: dir + "/with.log", encoding: .utf8).split(separator: "\n")
            #expect(withLines.count == 2)
            #expect(withLines[0].hasSuffix(#""message":"derived","source":"RotorLoggingTests"}"#))
            #expect(withLines[1].hasSuffix(#""message":"given","source":"custom.source"}"#))
            let withoutLines = try String(contentsOfFile: dir + "/without.log", encoding: .utf8).split(separator: "\n")
            #expect(withoutLines.count == 2)
            #expect(withoutLines.allSatisfy { !$0.contains("source") })
        }
    }

    @Test func recordsForASinkThatDoesNotReadTheSourceCarryAnEmptyOne() throws {
        let keeping = InMemorySink()
        let blind = BlindSink(forwardingTo: keeping)
        let logger = Logger(label: "src") { RotorLogHandler(label: $0, sink: blind) }
        logger.info("derived")
        logger.info("given", source: "custom.source")
        #expect(keeping.records.map(\.source) == ["", ""])
        #expect(keeping.records.map(\.message) == ["derived", "given"])
    }

    /// Forwards every record but says it does not read the source.
    final class BlindSink: LogSink {
        let next: any LogSink
        init(forwardingTo next: any LogSink) { self.next = next }
        var readsSource: Bool { false }
        func log(_ record: LogRecord) { next.log(record) }
        func flush() {}
        func close() {}
        var statistics: SinkStatistics { next.statistics }
    }
}

private struct TestError: Error, Equatable {
    var code: Int
}
