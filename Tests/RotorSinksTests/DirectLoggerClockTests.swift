import Foundation
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

/// A direct logger without a clock of its own lets the file sink timestamp each record: one
/// reading of the sink's clock is the record's timestamp and the time its rotation is decided at.
@Suite struct DirectLoggerClockTests {
    private func timestamps(in path: String) throws -> [String] {
        try lines(of: path).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["timestamp"] as? String)
        }
    }

    @Test(arguments: [0, 4_096])
    func eachRecordIsInTheFileOfItsOwnTimestamp(bufferCapacity: Int) throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock("2026-11-21T23:59:59.500Z")
            let sink = try makeRotatingSink(
                dir, strategy: TimeRotation.daily(), clock: clock,
                options: FileSinkConfiguration(bufferCapacity: bufferCapacity), formatter: JSONFormatter())
            let log = DirectLogger(label: "api", sink: sink)
            #expect(log.clock == nil)
            for sequence in 0..<10 {  // 23:59:59.500 … 00:00:00.400, every 100 ms
                log.info("tick") { $0.int("sequence", sequence) }
                clock.advance(by: .milliseconds(100))
            }
            sink.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            let before = try timestamps(in: dir + "/" + archives[0])
            let after = try timestamps(in: dir + "/app.log")
            // The sink's manual clock stamped every record, so the times are exact.
            #expect(before == (5..<10).map { "2026-11-21T23:59:59.\($0)00000Z" })
            #expect(after == (0..<5).map { "2026-11-22T00:00:00.\($0)00000Z" })
        }
    }

    @Test func aLoggerClockStampsRecordsAndTheSinkClockDecidesRotation() throws {
        try withTemporaryDirectory { dir in
            let sinkClock = makeClock("2026-11-21T23:59:59.900Z")
            let loggerClock = makeClock("2030-01-01T00:00:00Z")
            let sink = try makeRotatingSink(
                dir, strategy: TimeRotation.daily(), clock: sinkClock, formatter: JSONFormatter())
            let log = DirectLogger(label: "api", sink: sink, clock: loggerClock)
            #expect(log.clock != nil)
            log.info("before midnight on the sink's clock")
            sinkClock.advance(by: .milliseconds(200))
            log.info("after midnight on the sink's clock")
            sink.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try timestamps(in: dir + "/" + archives[0]) == ["2030-01-01T00:00:00.000000Z"])
            #expect(try timestamps(in: dir + "/app.log") == ["2030-01-01T00:00:00.000000Z"])
        }
    }

    @Test func aSinkWithoutItsOwnClockStampsWithTheSystemClock() throws {
        try withTemporaryDirectory { dir in
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: JSONFormatter(), strategy: SizeRotation(maxBytes: 1 << 20))
            let before = LogTimestamp.now()
            DirectLogger(label: "api", sink: sink).info("now")
            let after = LogTimestamp.now()
            sink.close()
            let stamped = try #require(try timestamps(in: dir + "/app.log").first)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions.insert(.withFractionalSeconds)
            let date = try #require(withFoundationDateLock { formatter.date(from: stamped) })
            // The parser keeps milliseconds: allow one.
            #expect(date.timeIntervalSince1970 >= Double(before.nanosecondsSinceEpoch) / 1e9 - 0.001)
            #expect(date.timeIntervalSince1970 <= Double(after.nanosecondsSinceEpoch) / 1e9 + 0.001)
        }
    }
}
