import Foundation
import Logging
import RotorCompression
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks

/// Logs written for the tests of other tools (lnav, jq): every level, metadata, errors, fractions
/// of a second, rotated and gzipped by a real `RotatingFileSink`.
enum ToolRecordsFixture {
    /// An error attached to some records.
    struct Failure: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }

    /// swift-log's levels in order; record `i` has level `levels[i % 7]`.
    static let levels = Logger.Level.allCases

    /// Record `i`: 2026-11-21T14:00:00Z plus `i` seconds and 250 ms, label `app` (`db` for odd
    /// `i`), message `record <i>`, metadata `request.id`, and an error on every 10th.
    static func record(_ index: Int) -> LogRecord {
        LogRecord(
            timestamp: LogTimestamp(
                secondsSinceEpoch: LogFixture.epochSeconds + Int64(index), nanoseconds: 250_000_000),
            level: levels[index % levels.count], label: index % 2 == 0 ? "app" : "db", message: "record \(index)",
            metadata: ["request.id": "\(index)"], source: "App", error: index % 10 == 0 ? Failure() : nil)
    }

    /// Writes records `range` to `dir/app.log` with `formatter`, rotating every ~`maxBytes` and
    /// gzipping the archives; returns once the archives are compressed and the sink is closed.
    static func write(
        _ range: Range<Int>, in dir: String, formatter: JSONFormatter = JSONFormatter(), maxBytes: Int64 = 4_000
    ) throws {
        let sink = try RotatingFileSink(
            path: dir + "/app.log", formatter: formatter, strategy: SizeRotation(maxBytes: maxBytes),
            compression: GzipCompressor())
        for index in range { sink.log(record(index)) }
        sink.waitForBackgroundWork()
        sink.close()
    }
}
