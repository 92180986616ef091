import Foundation
import Logging
import RotorCore
import RotorFormatters
import RotorLogging
import RotorSinks
import RotorTestKit
import Testing

/// The swift-log event path reads short plain ASCII labels, messages, metadata keys and values from
/// their words, borrows the call site's metadata, walks dictionaries by index and ends a record
/// without call-site fields or error early. Every shape of text on each side of those fast paths
/// is written as the `LogRecord` path (`RecordOnlySink`) writes it.
@Suite struct SwiftLogShortStringTests {
    /// Texts on each side of every fast path: empty, small (up to 15 bytes) and not, plain and
    /// needing escapes (quote, backslash, controls, DEL), non-ASCII (composed, decomposed, CJK,
    /// U+2028), long.
    static let texts: [String] = [
        "", "a", "request handled", "request handled!", "abcdefghijklmn\"", "back\\slash", "tab\there",
        "nul\u{0}", "del\u{7F}", "\u{1F}", "é", "e\u{301}", "日本語", "line\u{2028}sep", "/api/v1/items/123",
        String(repeating: "x", count: 40), String(repeating: "y", count: 14) + "é",
    ]

    static let formatters: [any LogFormatter] = [
        JSONFormatter(), JSONFormatter(fields: []), JSONFormatter(metadataPlacement: .flattened),
        JSONFormatter(fields: [.line]), TextFormatter(),
    ]

    struct Failure: Error, CustomStringConvertible {
        var description: String { "failed" }
    }

    @Test(arguments: 0..<formatters.count)
    func textsOfEveryShapeAreWrittenAsTheRecordWritesThem(index: Int) throws {
        let formatter = Self.formatters[index]
        try withTemporaryDirectory { dir in
            let compared = try EventPathSinks(in: dir, formatter: formatter)
            let reference = compared.reference
            let routed = try FileSink(path: dir + "/routed.log", formatter: formatter)
            let router = try LevelRouterSink([LevelRoute(.trace ... .critical, to: routed)])
            let sinks = compared.sinks + [router]
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 7))

            var lines = 0
            for label in Self.texts {
                let loggers = sinks.map { sink in
                    Logger(label: label) { RotorLogHandler(label: $0, sink: sink, logLevel: .trace, clock: clock) }
                }
                for (position, text) in Self.texts.enumerated() {
                    let other = Self.texts[(position + 3) % Self.texts.count]
                    for logger in loggers {
                        // The call site's metadata alone: borrowed from the event as it is.
                        logger.info("\(text)", metadata: [text: .string(other), other: .string(text)])
                        logger.notice("\(other)", metadata: ["k": .string(text), "nested": [text: [.string(other)]]])
                        logger.error("\(text)", error: Failure())
                        logger.debug("\(text)")
                    }
                    lines += 4
                }
            }
            for sink in sinks { sink.close() }
            reference.close()

            let expected = try Data(contentsOf: URL(fileURLWithPath: dir + "/reference.log"))
            #expect(expected.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count == lines + 1)
            for name in EventPathSinks.names + ["routed"] {
                let written = try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name).log"))
                #expect(written == expected, "\(name)")
            }
            #expect(router.statistics.recordsWritten == lines)
        }
    }

    /// Handler, provider and call-site metadata merged, with keys and values of every shape.
    @Test(arguments: [false, true])
    func mergedMetadataOfEveryShapeIsWrittenAsTheRecordWritesIt(async: Bool) throws {
        try withTemporaryDirectory { dir in
            let reference = try FileSink(path: dir + "/reference.log", formatter: JSONFormatter(fields: []))
            let file = try FileSink(path: dir + "/file.log", formatter: JSONFormatter(fields: []))
            let sink: any LogSink = async ? try AsyncSink(wrapping: file) : file
            let texts = Self.texts
            let provider = Logger.MetadataProvider {
                Dictionary(
                    uniqueKeysWithValues: texts.enumerated().filter { $0.offset % 3 == 0 }.map {
                        ($0.element, Logger.MetadataValue.string("provider \($0.offset)"))
                    })
            }
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 0))
            let loggers = ([RecordOnlySink(reference), sink] as [any LogSink]).map { sink in
                var logger = Logger(label: "merge") {
                    RotorLogHandler(label: $0, sink: sink, metadataProvider: provider, clock: clock)
                }
                for (offset, text) in texts.enumerated() where offset % 2 == 0 {
                    logger[metadataKey: text] = .string("handler \(offset)")
                }
                return logger
            }
            for (offset, text) in texts.enumerated() {
                for logger in loggers {
                    logger.info("call site", metadata: [text: .string("call site \(offset)"), "last": .string(text)])
                }
            }
            for logger in loggers { logger.info("no call site metadata") }
            sink.close()
            reference.close()
            let expected = try Data(contentsOf: URL(fileURLWithPath: dir + "/reference.log"))
            #expect(expected.split(separator: UInt8(ascii: "\n")).count == texts.count + 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/file.log")) == expected)
        }
    }

    /// A router counts a swift-log event handed to a route as written, and one no route takes as
    /// unrouted.
    @Test func aRouterCountsEventsItRoutesAndEventsNoRouteTakes() throws {
        let memory = InMemorySink()
        let router = try LevelRouterSink([LevelRoute(.warning ... .critical, to: memory)])
        let logger = Logger(label: "router") { RotorLogHandler(label: $0, sink: router, logLevel: .trace) }
        logger.info("unrouted")
        logger.warning("routed")
        logger.critical("routed")
        logger.debug("unrouted")
        logger.trace("unrouted")
        #expect(router.statistics.recordsWritten == 2)
        #expect(router.statistics.recordsDropped[.unrouted] == 3)
        #expect(memory.records.map(\.message) == ["routed", "routed"])
    }
}
