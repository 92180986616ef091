import Foundation
import Logging
@_spi(RotorInternals) import RotorCore
import RotorFormatters
import RotorLogging
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

/// What the handler tells a sink about the time it stamped a record with: a timestamp from the
/// system clock is marked as such (a file sink on the system clock then takes it as the time of
/// the write, one clock reading a record); any other clock's is not (the sink reads its own).
@Suite struct HandlerTimestampTests {
    /// Keeps what it was given of each event: its timestamp and whether it was system time.
    final class StampRecordingSink: SwiftLogEventSink {
        let stamps = Locked<[(LogTimestamp, Bool)]>([])
        func log(swiftLog record: SwiftLogEventRecord) {
            stamps.withLock { $0.append((record.timestamp, record.isSystemTime)) }
        }
        func log(_ record: LogRecord) { Issue.record("the event path was not taken") }
        func flush() {}
        func close() {}
        var statistics: SinkStatistics { SinkStatistics() }
        var readsSource: Bool { false }
    }

    @Test func systemClockStampsAreMarkedAsSystemTime() {
        let sink = StampRecordingSink()
        let logger = Logger(label: "app") { RotorLogHandler(label: $0, sink: sink) }
        let before = LogTimestamp.now()
        logger.info("one")
        logger.info("two")
        let after = LogTimestamp.now()
        let stamps = sink.stamps.withLock { $0 }
        #expect(stamps.count == 2)
        #expect(stamps.allSatisfy { $0.1 })
        #expect(stamps.allSatisfy { $0.0 >= before && $0.0 <= after })
    }

    @Test func anotherClocksStampsAreNotSystemTime() {
        let sink = StampRecordingSink()
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_900_000_000))
        let logger = Logger(label: "app") { RotorLogHandler(label: $0, sink: sink, clock: clock) }
        logger.info("one")
        let stamps = sink.stamps.withLock { $0 }
        #expect(stamps.count == 1)
        #expect(stamps.first?.0 == LogTimestamp(secondsSinceEpoch: 1_900_000_000))
        #expect(stamps.first?.1 == false)
    }

    /// A handler on a manual clock writing to a rotating file on another manual clock: the file
    /// rotates by its own clock, not by the records' timestamps.
    @Test func aFileOnItsOwnClockRotatesByItsClock() throws {
        try withTemporaryDirectory { dir in
            let fileClock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_800_000_000 / 86_400 * 86_400 + 86_399))
            let recordClock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_000_000_000))
            var options = FileSinkConfiguration()
            options.clock = fileClock
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: JSONFormatter(), strategy: TimeRotation.daily(), options: options)
            let logger = Logger(label: "app") { RotorLogHandler(label: $0, sink: sink, clock: recordClock) }
            logger.info("before midnight on the file's clock")
            fileClock.advance(by: .seconds(2))
            logger.info("after midnight on the file's clock")
            sink.close()
            let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }
            #expect(names.count == 2)
            #expect(names.contains("app.log"))
        }
    }
}
