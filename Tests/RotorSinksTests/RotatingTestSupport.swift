import Foundation
import RotorCore
import RotorRotation
import RotorSinks
import RotorTestKit

/// A clock at 2026-11-21T12:00:00Z unless told otherwise.
func makeClock(_ iso: String = "2026-11-21T12:00:00Z") -> ManualClock {
    let date = withFoundationDateLock { () -> Date? in
        let parser = ISO8601DateFormatter()
        if iso.contains(".") { parser.formatOptions.insert(.withFractionalSeconds) }
        return parser.date(from: iso)
    }
    return ManualClock(LogTimestamp(date!))
}

/// A line of exactly `size` bytes from ``PlainLineFormatter`` (`info <padding>\n`).
func recordOfSize(_ size: Int, _ fill: Character = "x") -> LogRecord {
    precondition(size >= 6)
    return record(String(repeating: fill, count: size - 6))
}

/// The archive file names in `dir` for base `app.log`, in name order.
func archiveNames(in dir: String, base: String = "app.log") throws -> [String] {
    let naming = TimestampArchiveNaming()
    return try FileManager.default.contentsOfDirectory(atPath: dir)
        .filter { naming.parse(fileName: $0, base: base) != nil }
        .sorted()
}

func fileSize(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
}

func makeRotatingSink(
    _ dir: String, strategy: any RotationStrategy, clock: any LogClock = SystemClock(),
    options: FileSinkConfiguration = FileSinkConfiguration(), rotation: RotationConfiguration = RotationConfiguration(),
    formatter: any LogFormatter = PlainLineFormatter()
) throws -> RotatingFileSink {
    var options = options
    options.clock = clock
    // Tests drive retries with the same manual clock as the wall clock.
    if clock is ManualClock { options.retryClock = clock }
    return try RotatingFileSink(
        path: dir + "/app.log", formatter: formatter, strategy: strategy, rotation: rotation,
        options: options)
}
