import Foundation
import RotorCore
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

@Suite struct BufferedFileSinkTests {
    private func bufferedOptions(_ capacity: Int = 4_096, interval: Duration = .seconds(60)) -> FileSinkConfiguration {
        FileSinkConfiguration(bufferCapacity: capacity, bufferFlushInterval: interval)
    }

    @Test func recordsWaitInTheBufferUntilFlush() throws {
        try withTemporaryDirectory { dir in
            let sink = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter(), options: bufferedOptions())
            for i in 0..<10 { sink.log(record("r\(i)")) }
            #expect(try fileSize(dir + "/app.log") == 0)
            #expect(sink.statistics.recordsWritten == 0)
            sink.flush()
            #expect(try lines(of: dir + "/app.log") == (0..<10).map { "info r\($0)" })
            #expect(sink.statistics.recordsWritten == 10)
            sink.log(record("last"))
            sink.close()
            #expect(try lines(of: dir + "/app.log").last == "info last")
        }
    }

    @Test func aFullBufferIsWrittenInOnePiece() throws {
        try withTemporaryDirectory { dir in
            let sink = try FileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), options: bufferedOptions(1_000))
            for _ in 0..<10 { sink.log(recordOfSize(100)) }  // exactly fills the buffer
            #expect(try fileSize(dir + "/app.log") == 0)
            sink.log(recordOfSize(100))  // does not fit: the full buffer goes out
            #expect(try fileSize(dir + "/app.log") == 1_000)
            sink.log(recordOfSize(2_000))  // larger than the buffer: written through
            #expect(try fileSize(dir + "/app.log") == 3_100)
            sink.close()
        }
    }

    @Test func bufferingDoesNotChangeWhereRotationFalls() throws {
        func run(_ dir: String, buffered: Bool) throws -> [Int] {
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 1_000),
                options: buffered ? bufferedOptions(700) : FileSinkConfiguration())
            for i in 0..<200 { sink.log(recordOfSize(20 + (i * 37) % 90)) }
            sink.close()
            return try archiveNames(in: dir).map { try fileSize(dir + "/" + $0) } + [try fileSize(dir + "/app.log")]
        }
        let plain = try withTemporaryDirectory { try run($0, buffered: false) }
        let buffered = try withTemporaryDirectory { try run($0, buffered: true) }
        #expect(plain.count > 10)
        #expect(buffered == plain)
    }

    @Test func theTimerWritesTheBufferWithoutAFlush() throws {
        try withTemporaryDirectory { dir in
            let sink = try FileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(),
                options: bufferedOptions(interval: .milliseconds(20)))
            sink.log(record("waiting"))
            let limit = Date().addingTimeInterval(10)
            while (try? fileSize(dir + "/app.log")) == 0 && Date() < limit { Thread.sleep(forTimeInterval: 0.005) }
            #expect(try lines(of: dir + "/app.log") == ["info waiting"])
            sink.close()
        }
    }

    @Test func sinksOnOneFileMustAgreeOnBuffering() throws {
        try withTemporaryDirectory { dir in
            let a = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter(), options: bufferedOptions())
            defer { a.close() }
            #expect {
                _ = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            } throws: { ($0 as? SinkError)?.code == .conflictingConfiguration }
        }
    }
}
