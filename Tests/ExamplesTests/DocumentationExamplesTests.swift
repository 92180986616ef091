import Foundation
import Logging
import Rotor
import RotorTestKit
import Testing

// The Swift blocks of README.md and the DocC articles that are parts of a program (they use a
// sink, a record or an ID that the text assumes), each copied here unchanged, with what it assumes
// around it. `DocumentationCodeBlocksTests` checks that every block is still here, in `Snippets/`
// or in `Examples/`, word for word. Keep the copied lines identical to the documentation.

@Suite struct DocumentationExamplesTests {
    /// README.md, "Logging fast".
    @Test func readmeDirectLoggerOverAnAsyncSinkWritesTypedFields() throws {
        try withTemporaryDirectory { dir in
            let rotating = try RotatingFileSink(
                path: dir + "/api.log", formatter: JSONFormatter(), strategy: try SizeRotation(maxBytes: 1 << 20))
            let id = 7
            let ms = 12.5
            let log = DirectLogger(label: "api", sink: try AsyncSink(wrapping: rotating))
            log.info("request handled") { $0.int("user_id", id); $0.double("latency_ms", ms) }
            log.sink.close()
            let text = try String(contentsOfFile: dir + "/api.log", encoding: .utf8)
            #expect(text.contains(#""user_id":7"#))
            #expect(text.contains(#""latency_ms":12.5"#))
        }
    }

    /// LoggingFast.md, "The async sink": the queue formats with the wrapped sink's formatter.
    @Test func loggingFastAsyncSinkWritesTheWrappedSinksLines() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/app.log"
            let file = try RotatingFileSink(path: path, formatter: JSONFormatter(fields: []),
                                            strategy: try SizeRotation(maxBytes: 10 << 20))
            let logs = try AsyncSink(wrapping: file, configuration: AsyncSinkConfiguration(overflow: .dropNewest))
            let logger = Logger(label: "app") { RotorLogHandler(label: $0, sink: logs) }
            logger.info("queued", metadata: ["k": "v"])
            logs.close()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasSuffix(#""label":"app","message":"queued","metadata":{"k":"v"}}"# + "\n"))
            #expect(text.split(separator: "\n").count == 1)
        }
    }

    /// LoggingFast.md, "The direct API".
    @Test func loggingFastDirectLoggerWritesNumbersAndBuiltStrings() throws {
        try withTemporaryDirectory { dir in
            let rotatingSink = try RotatingFileSink(
                path: dir + "/api.log", formatter: JSONFormatter(), strategy: try SizeRotation(maxBytes: 1 << 20))
            let userID = 42
            let itemID = "7"
            let latency = 0.25
            let log = DirectLogger(label: "api", sink: rotatingSink)
            log.info("request handled") { fields in
                fields.int("user_id", userID)
                fields.string("path") { $0.append("/api/v1/items/"); $0.append(itemID) }
                fields.double("latency_ms", latency)
            }
            rotatingSink.close()
            let text = try String(contentsOfFile: dir + "/api.log", encoding: .utf8)
            #expect(text.contains(#""user_id":42"#))
            #expect(text.contains(#""path":"/api/v1/items/7""#))
            #expect(text.contains(#""latency_ms":0.25"#))
        }
    }

    /// TestingWithRotor.md, "Drive time".
    @Test func testingWithRotorManualClockRotatesPastMidnight() throws {
        try withTemporaryDirectory { dir in
            let record = LogRecord(timestamp: .now(), level: .info, label: "t", message: "tick")
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_763_683_199))
            let sink = try RotatingFileSink(path: dir + "/app.log", formatter: JSONFormatter(),
                                            strategy: TimeRotation.daily(), options: FileSinkConfiguration(clock: clock))
            sink.log(record)
            clock.advance(by: .seconds(2))     // past midnight
            sink.log(record)                   // rotates
            sink.close()
            #expect(sink.statistics.rotations == 1)
        }
    }

    /// RotorFormatters.md, "Overview".
    @Test func rotorFormattersWriteOneLine() throws {
        let record = LogRecord(
            timestamp: LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 123_456_000), level: .info,
            label: "app", message: "ready", metadata: ["port": "8080"], file: "App/main.swift", function: "App",
            line: 12)
        let json = JSONFormatter()                        // {"timestamp":"2026-11-21T14:30:22.123456Z","level":"info",…}
        let text = try TextFormatter(pattern: "{timestamp} [{LEVEL}] {label}: {message} {metadata}")
        var line = LogBuffer()
        json.format(record, into: &line)        // line.text is the record's line
        #expect(line.text.hasPrefix(#"{"timestamp":"2026-11-21T14:30:22.123456Z","level":"info","#))
        #expect(line.text.hasSuffix("\n"))
        var textLine = LogBuffer()
        text.format(record, into: &textLine)
        #expect(textLine.text == "2026-11-21T14:30:22.123456Z [INFO] app: ready port=8080\n")
    }

    /// RotorRetention.md, "Overview".
    @Test func rotorRetentionRulesExpireBeyondTheCount() throws {
        let naming = TimestampArchiveNaming()
        let newest = LogTimestamp.now().nanosecondsSinceEpoch / 1_000_000
        let parsedFilesWithSizes = (0..<32).map { hour -> (name: ParsedArchiveName, bytes: Int64) in
            let id = ArchiveID(millisecondsSinceEpoch: newest - Int64(hour) * 3_600_000, sequence: 1)
            return (naming.parse(fileName: naming.archiveFileName(for: id, base: "app.log") + ".gz", base: "app.log")!, 1_000)
        }
        let retention = try RetentionRules(keep: 30, maxTotalBytes: 1 << 30, maxAge: .seconds(14 * 86_400))
        let doomed = retention.expired(ArchiveGeneration.group(parsedFilesWithSizes), now: .now())
        #expect(doomed == Set(parsedFilesWithSizes.suffix(2).map(\.name.id)))
    }

    /// RetentionAndCompression.md, "Retention".
    @Test func retentionAndCompressionRulesKeepTheirLimits() throws {
        let retention = try RetentionRules(keep: 30, maxTotalBytes: 5 << 30, maxAge: .seconds(14 * 86_400))
        #expect(retention.keep == 30)
        #expect(retention.maxTotalBytes == 5 << 30)
        #expect(retention.maxAge == .seconds(14 * 86_400))
    }
}

// Compiled, never called: these blocks act on /var/log (a SIGHUP handler and files there).

/// RotorAndLogrotate.md, "If logrotate rotates: reopen on SIGHUP".
func rotorAndLogrotateReopenOnHangup() throws {
    let files = try RotorLoggingSystem.bootstrapPerLevelFiles(in: "/var/log/app", strategy: NeverRotation())
    let hangups = try RotorSignals.reopenOnHangup([files])
    // … at shutdown:
    hangups.cancel()
    files.close()
}

/// RotorCompression.md, "Overview".
func rotorCompressionCompressOneArchive() throws -> CompressionOutcome {
    let gzip = try GzipCompressor(level: 6)
    // app.1.log → app.1.log.gz.tmp (fsync) → app.1.log.gz → fsync(dir) → unlink app.1.log
    let outcome = try ArchiveCompression.compressArchive(at: "/var/log/app.1.log", using: gzip)
    return outcome
}
