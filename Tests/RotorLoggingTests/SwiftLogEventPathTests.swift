import Foundation
import Logging
import RotorCore
import RotorFormatters
import RotorLogging
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

/// The handler gives file, rotating and async sinks (and routers and fan-outs, which pass it on) the
/// swift-log event itself (`SwiftLogEventRecord`), without building a `LogRecord`. What they write
/// is byte for byte what formatting the `LogRecord` gives, which is what a sink without that path
/// (here `RecordOnlySink`) receives.
@Suite struct SwiftLogEventPathTests {
    /// A formatter of the user's own, which formats `LogRecord`s only: the sinks fall back to one.
    struct PlainFormatter: LogFormatter {
        func format(_ record: LogRecord, into buffer: inout LogBuffer) {
            let metadata = record.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.render($0.value))" }
            let error = record.error.map { String(describing: $0) } ?? "-"
            let line =
                "\(record.timestamp.nanosecondsSinceEpoch) \(record.level) \(record.label) \(record.message) "
                + "\(metadata) [\(record.source)] \(record.file) \(record.function) \(record.line) \(error)"
            buffer.append(line.filter { $0 != "\n" })
            buffer.append(UInt8(ascii: "\n"))
        }

        /// Renders a metadata value with dictionaries in key order (a dictionary's own description
        /// follows its storage order, which differs between equal dictionaries).
        static func render(_ value: Logger.MetadataValue) -> String {
            switch value {
            case .string(let string): string
            case .stringConvertible(let convertible): convertible.description
            case .array(let array): "[" + array.map(render).joined(separator: ", ") + "]"
            case .dictionary(let dictionary):
                "["
                    + dictionary.sorted { $0.key < $1.key }.map { "\($0.key): \(render($0.value))" }.joined(
                        separator: ", ")
                    + "]"
            }
        }
    }

    static var formatters: [any LogFormatter] { SwiftLogSamples.formatters + [PlainFormatter()] }

    @Test func fileRotatingAsyncAndRoutingSinksTakeTheEvent() throws {
        try withTemporaryDirectory { dir in
            let file = try FileSink(path: dir + "/a.log", formatter: JSONFormatter())
            let rotating = try RotatingFileSink(
                path: dir + "/b.log", formatter: JSONFormatter(), strategy: try SizeRotation(maxBytes: 1 << 20))
            let async = try AsyncSink(wrapping: file)
            let sinks: [any LogSink] = [
                file, rotating, async, MultiplexSink([file]), try LevelRouterSink([LevelRoute(.info, to: file)]),
                InMemorySink(), RecordOnlySink(file),
            ]
            #expect(sinks.map { $0 is any SwiftLogEventSink } == [true, true, true, true, true, false, false])
            async.close()
            rotating.close()
        }
    }

    @Test(arguments: 0..<formatters.count)
    func eachSinkWritesTheBytesOfTheRecord(index: Int) throws {
        let formatter = Self.formatters[index]
        try withTemporaryDirectory { dir in
            let compared = try EventPathSinks(in: dir, formatter: formatter)
            let reference = compared.reference
            let rotating = try RotatingFileSink(
                path: dir + "/rotating.log", formatter: formatter, strategy: try SizeRotation(maxBytes: 1 << 30))
            let callersThread = try AsyncSink(
                wrapping: try FileSink(path: dir + "/callers.log", formatter: formatter),
                configuration: AsyncSinkConfiguration(formatsOnWriterThread: false))
            let sinks = compared.sinks + [rotating, callersThread]

            let provider = Logger.MetadataProvider { ["trace": "t-1", "shared": .dictionary(["from": "provider"])] }
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 5))
            let loggers = sinks.map { sink in
                var logger = Logger(label: "app.\u{0}label") {
                    RotorLogHandler(label: $0, sink: sink, logLevel: .trace, metadataProvider: provider, clock: clock)
                }
                logger[metadataKey: "handler"] = "h"
                logger[metadataKey: "shared"] = "handler"
                return logger
            }
            let counter = SwiftLogSamples.Counter()
            for sequence in 0..<200 {
                counter.value = sequence
                for logger in loggers { SwiftLogSamples.log(logger, sequence, counter) }
                counter.value = -1  // a capture was described before this
            }
            for sink in sinks { sink.close() }
            reference.close()

            let expected = try Data(contentsOf: URL(fileURLWithPath: dir + "/reference.log"))
            #expect(expected.split(separator: UInt8(ascii: "\n")).count == 200)
            #expect(!String(decoding: expected, as: UTF8.self).contains("count -1"))
            for name in EventPathSinks.names + ["rotating", "callers"] {
                let written = try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name).log"))
                #expect(written == expected, "\(name)")
            }
        }
    }

    /// A level router (the per-level files of `bootstrapPerLevelFiles`) hands the event to the
    /// routes that take it, and one `LogRecord` to the others; both write the record's bytes.
    @Test(arguments: 0..<formatters.count)
    func aLevelRouterPassesTheEventOnAndBuildsARecordOnlyForTheOthers(index: Int) throws {
        let formatter = Self.formatters[index]
        try withTemporaryDirectory { dir in
            let reference = try FileSink(path: dir + "/reference.log", formatter: formatter)
            let errors = try RotatingFileSink(
                path: dir + "/errors.log", formatter: formatter, strategy: try SizeRotation(maxBytes: 1 << 30))
            let all = try FileSink(path: dir + "/all.log", formatter: formatter)
            let memory = InMemorySink(formatter: formatter)
            let router = try LevelRouterSink([
                LevelRoute(.error ... .critical, to: errors),
                LevelRoute(.trace ... .critical, to: all),
                LevelRoute(.trace ... .critical, to: memory),
            ])
            #expect((router as any LogSink) is any SwiftLogEventSink)
            let provider = Logger.MetadataProvider { ["trace": "t-1"] }
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 5))
            let loggers = ([RecordOnlySink(reference), router] as [any LogSink]).map { sink in
                var logger = Logger(label: "router") {
                    RotorLogHandler(label: $0, sink: sink, logLevel: .trace, metadataProvider: provider, clock: clock)
                }
                logger[metadataKey: "handler"] = "h"
                return logger
            }
            let counter = SwiftLogSamples.Counter()
            for sequence in 0..<100 {
                counter.value = sequence
                for logger in loggers { SwiftLogSamples.log(logger, sequence, counter) }
            }
            reference.close()
            router.close()
            let expected = try Data(contentsOf: URL(fileURLWithPath: dir + "/reference.log"))
            #expect(expected.split(separator: UInt8(ascii: "\n")).count == 100)
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/all.log")) == expected)
            #expect(Data(memory.lines.map { $0 + "\n" }.joined().utf8) == expected)
            // Statement `sequence` logs at level `sequence % 7`: error (5) and critical (6) also go
            // to the rotating file.
            let lines = expected.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            let errorLines = lines.enumerated().filter { [5, 6].contains($0.offset % 7) }.map {
                Data($0.element) + [10]
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/errors.log")) == errorLines.reduce(Data(), +))
        }
    }

    /// A fan-out hands the event to the children that take it (a file, a rotating file, an async
    /// sink, a router and a nested fan-out) and one `LogRecord` to the others (an in-memory sink);
    /// each writes the bytes of the `LogRecord` path.
    @Test(arguments: 0..<formatters.count)
    func aFanOutPassesTheEventOnAndBuildsARecordOnlyForTheOthers(index: Int) throws {
        let formatter = Self.formatters[index]
        try withTemporaryDirectory { dir in
            let reference = try FileSink(path: dir + "/reference.log", formatter: formatter)
            let file = try FileSink(
                path: dir + "/file.log", formatter: formatter, options: FileSinkConfiguration(bufferCapacity: 4096))
            let rotating = try RotatingFileSink(
                path: dir + "/rotating.log", formatter: formatter, strategy: try SizeRotation(maxBytes: 1 << 30))
            let async = try AsyncSink(wrapping: try FileSink(path: dir + "/async.log", formatter: formatter))
            let routed = try FileSink(path: dir + "/routed.log", formatter: formatter)
            let router = try LevelRouterSink([LevelRoute(.trace ... .critical, to: routed)])
            let inner = try FileSink(path: dir + "/inner.log", formatter: formatter)
            let memory = InMemorySink(formatter: formatter)
            let fanOut = MultiplexSink([file, rotating, async, router, MultiplexSink([inner]), memory])
            #expect((fanOut as any LogSink) is any SwiftLogEventSink)
            let provider = Logger.MetadataProvider { ["trace": "t-1", "shared": .dictionary(["from": "provider"])] }
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 5))
            let loggers = ([RecordOnlySink(reference), fanOut] as [any LogSink]).map { sink in
                var logger = Logger(label: "fan-out") {
                    RotorLogHandler(label: $0, sink: sink, logLevel: .trace, metadataProvider: provider, clock: clock)
                }
                logger[metadataKey: "handler"] = "h"
                logger[metadataKey: "shared"] = "handler"
                return logger
            }
            let counter = SwiftLogSamples.Counter()
            for sequence in 0..<150 {
                counter.value = sequence
                for logger in loggers { SwiftLogSamples.log(logger, sequence, counter) }
                counter.value = -1
            }
            reference.close()
            fanOut.close()
            #expect(fanOut.statistics.recordsWritten == 150)
            let expected = try Data(contentsOf: URL(fileURLWithPath: dir + "/reference.log"))
            #expect(expected.split(separator: UInt8(ascii: "\n")).count == 150)
            for name in ["file", "rotating", "async", "routed", "inner"] {
                #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name).log")) == expected, "\(name)")
            }
            #expect(Data(memory.lines.map { $0 + "\n" }.joined().utf8) == expected)
        }
    }

    /// Without handler metadata or a provider, the call site's metadata is written as it is.
    @Test(arguments: 0..<formatters.count)
    func callSiteMetadataAloneIsWrittenAsItIs(index: Int) throws {
        let formatter = Self.formatters[index]
        try withTemporaryDirectory { dir in
            let reference = try FileSink(path: dir + "/reference.log", formatter: formatter)
            let file = try FileSink(path: dir + "/file.log", formatter: formatter)
            let async = try AsyncSink(wrapping: try FileSink(path: dir + "/async.log", formatter: formatter))
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_795_271_422))
            let loggers = ([RecordOnlySink(reference), file, async] as [any LogSink]).map { sink in
                Logger(label: "plain") { RotorLogHandler(label: $0, sink: sink, clock: clock) }
            }
            for sequence in 0..<50 {
                for logger in loggers {
                    logger.info("plain \(sequence)", metadata: ["k": "\(sequence)", "nested": ["a": ["b"]]])
                    logger.warning("none")
                }
            }
            reference.close()
            file.close()
            async.close()
            let expected = try Data(contentsOf: URL(fileURLWithPath: dir + "/reference.log"))
            #expect(expected.split(separator: UInt8(ascii: "\n")).count == 100)
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/file.log")) == expected)
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/async.log")) == expected)
        }
    }

    /// Precedence with the one-pass metadata writer: nested values, keys that need escaping,
    /// non-ASCII keys, long keys and values; later sources replace whole values, never merge them.
    @Test(arguments: [false, true])
    func nestedAndEscapedMetadataKeepsItsPrecedence(async: Bool) throws {
        try withTemporaryDirectory { dir in
            let file = try FileSink(path: dir + "/app.log", formatter: JSONFormatter(fields: []))
            let sink: any LogSink = async ? try AsyncSink(wrapping: file) : file
            let provider = Logger.MetadataProvider {
                ["trace": ["id": "t-1", "span": ["s1", "s2"]], "q\"k": "provider", "é": "provider"]
            }
            var logger = Logger(label: "nested") {
                RotorLogHandler(
                    label: $0, sink: sink, metadataProvider: provider,
                    clock: ManualClock(LogTimestamp(secondsSinceEpoch: 0)))
            }
            logger[metadataKey: "trace"] = ["id": "handler", "extra": "handler"]
            logger[metadataKey: "a-very-long-key-of-more-than-sixteen-bytes"] = "handler value, long enough"
            // Decomposed: it sorts by its canonical form, "éx", after "é".
            logger[metadataKey: "e\u{301}x"] = "handler"
            logger.info("one", metadata: ["é": ["call": "site"], "tab\tkey": "\u{1}\u{7F}", "": ""])
            logger.info("two")
            sink.close()
            let lines = try String(contentsOfFile: dir + "/app.log", encoding: .utf8).split(separator: "\n")
            let metadata = lines.map { $0[$0.range(of: #""metadata":"#)!.upperBound...].dropLast() }
            let long = #""a-very-long-key-of-more-than-sixteen-bytes":"handler value, long enough","#
            let first: String =
                #"{"":"","# + long + #""q\"k":"provider","tab\tkey":"\u0001\u007f","#
                + #""trace":{"id":"t-1","span":["s1","s2"]},"é":{"call":"site"},"e\#u{301}x":"handler"}"#
            let second: String =
                "{" + long + #""q\"k":"provider","trace":{"id":"t-1","span":["s1","s2"]},"é":"provider","#
                + #""e\#u{301}x":"handler"}"#
            #expect(metadata.map(String.init) == [first, second])
        }
    }

    @Test func metadataKeepsSwiftLogsPrecedenceHandlerThenProviderThenCallSite() throws {
        try withTemporaryDirectory { dir in
            let sink = try FileSink(path: dir + "/app.log", formatter: JSONFormatter(fields: []))
            let provider = Logger.MetadataProvider { ["b": "provider", "c": "provider", "d": "provider"] }
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 0))
            var logger = Logger(label: "merge") {
                RotorLogHandler(label: $0, sink: sink, metadataProvider: provider, clock: clock)
            }
            logger[metadataKey: "a"] = "handler"
            logger[metadataKey: "b"] = "handler"
            logger[metadataKey: "c"] = "handler"
            logger.info("all three", metadata: ["c": "call site", "e": "call site"])
            logger.info("no call site")
            var handlerOnly = Logger(label: "handler") { RotorLogHandler(label: $0, sink: sink, clock: clock) }
            handlerOnly[metadataKey: "a"] = "handler"
            handlerOnly.info("handler and call site", metadata: ["a": "call site", "z": "call site"])
            let providerOnly = Logger(label: "provider") {
                RotorLogHandler(label: $0, sink: sink, metadataProvider: provider, clock: clock)
            }
            providerOnly.info("provider and call site", metadata: ["d": "call site"])
            sink.close()

            let lines = try String(contentsOfFile: dir + "/app.log", encoding: .utf8).split(separator: "\n")
            let metadata = lines.map { $0[$0.range(of: #""metadata":"#)!.upperBound...].dropLast() }
            #expect(
                metadata == [
                    #"{"a":"handler","b":"provider","c":"call site","d":"provider","e":"call site"}"#,
                    #"{"a":"handler","b":"provider","c":"provider","d":"provider"}"#,
                    #"{"a":"call site","z":"call site"}"#,
                    #"{"b":"provider","c":"provider","d":"call site"}"#,
                ])
        }
    }
}
