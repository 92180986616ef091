import Foundation
import Logging
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An `AsyncSink` formats with the formatter of the sink it wraps, so a line is the same whether
/// its record went through the queue or straight to the sink; it has no formatter of its own that
/// could disagree.
@Suite struct AsyncSinkFormatterSourceTests {
    /// Records of every level, with metadata, an error and a source, from two labels.
    private static func records() -> [LogRecord] {
        (0..<40).map { index in
            let metadata: Logger.Metadata = ["index": "\(index)", "nested": ["k": .stringConvertible(index)]]
            let error: (any Error)? = index % 9 == 0 ? SinkError(.invalidConfiguration, "failure \(index)") : nil
            return LogRecord(
                timestamp: LogTimestamp(secondsSinceEpoch: 1_700_000_000 + Int64(index)),
                level: Logger.Level.allCases[index % Logger.Level.allCases.count], label: index % 2 == 0 ? "a" : "b",
                message: "record \(index)", metadata: metadata, source: "Source", error: error)
        }
    }

    @Test(arguments: [true, false])
    func queuedLinesAreTheLinesTheWrappedSinkWritesItself(formatsOnWriterThread: Bool) throws {
        let formatters: [any LogFormatter] = [
            JSONFormatter(fields: [.source, .line]), TextFormatter(), PlainLineFormatter(),
        ]
        for formatter in formatters {
            try withTemporaryDirectory { dir in
                let direct = try FileSink(path: dir + "/direct.log", formatter: formatter)
                let wrapped = try RotatingFileSink(
                    path: dir + "/queued.log", formatter: formatter, strategy: SizeRotation(maxBytes: 1 << 20))
                let async = try AsyncSink(
                    wrapping: wrapped,
                    configuration: AsyncSinkConfiguration(formatsOnWriterThread: formatsOnWriterThread))
                for record in Self.records() {
                    direct.log(record)
                    async.log(record)
                }
                async.close()
                direct.close()
                let queued = try lines(of: dir + "/queued.log")
                #expect(queued.count == 40)
                #expect(queued == (try lines(of: dir + "/direct.log")), "\(type(of: formatter))")
            }
        }
    }

    @Test func theFormatterIsTheWrappedSinks() throws {
        try withTemporaryDirectory { dir in
            let file = try FileSink(path: dir + "/app.log", formatter: JSONFormatter(fields: [.line]))
            let async = try AsyncSink(wrapping: file)
            defer { async.close() }
            #expect((async.formatter as? JSONFormatter)?.fields == [.line])
            #expect((file.formatter as? JSONFormatter)?.fields == [.line])

            // A stream sink resolves a text formatter's automatic colour for its stream; the queue
            // formats with the resolved formatter, never with escape codes the stream would not get.
            let stream = StreamSink(.standardError, formatter: TextFormatter(colorMode: .automatic))
            let overStream = try AsyncSink(wrapping: stream)
            let expected: TextFormatter.ColorMode = isatty(2) == 1 ? .always : .never
            #expect((stream.formatter as? TextFormatter)?.colorMode == expected)
            #expect((overStream.formatter as? TextFormatter)?.colorMode == expected)
        }
    }

    /// The formatter the old initializer takes is ignored: the lines are the wrapped sink's JSON,
    /// not the text the argument would have written.
    @Test func theDeprecatedInitializerIgnoresItsFormatter() throws {
        try withTemporaryDirectory { dir in
            let file = try FileSink(path: dir + "/app.log", formatter: JSONFormatter(fields: []))
            let async = try Self.makeWithOwnFormatter(wrapping: file, formatter: TextFormatter())
            for record in Self.records() { async.log(record) }
            async.close()
            let written = try lines(of: dir + "/app.log")
            #expect(written.count == 40)
            for (line, record) in zip(written, Self.records()) {
                var expected = LogBuffer()
                JSONFormatter(fields: []).format(record, into: &expected)
                #expect(line + "\n" == expected.text)
            }
        }
    }

    /// Calls the deprecated initializer through a protocol, so that the call does not warn.
    private static func makeWithOwnFormatter(
        wrapping sink: any FormattedLogSink, formatter: any LogFormatter
    ) throws
        -> AsyncSink
    {
        try (AsyncSink.self as any FormatterTakingInitializer.Type).init(
            wrapping: sink, formatter: formatter, configuration: AsyncSinkConfiguration()) as! AsyncSink
    }
}

/// The deprecated initializer's shape.
private protocol FormatterTakingInitializer {
    init(wrapping sink: any FormattedLogSink, formatter: any LogFormatter, configuration: AsyncSinkConfiguration) throws
}

extension AsyncSink: FormatterTakingInitializer {}
