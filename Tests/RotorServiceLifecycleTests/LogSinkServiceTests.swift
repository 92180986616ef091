import Foundation
import Logging
import RotorCore
import RotorServiceLifecycle
import RotorSinks
import RotorTestKit
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@Suite struct LogSinkServiceTests {
    struct LineFormatter: LogFormatter {
        func format(_ record: LogRecord, into buffer: inout LogBuffer) {
            buffer.append(contentsOf: record.message.utf8)
            buffer.append(UInt8(ascii: "\n"))
        }
    }

    @Test func gracefulShutdownDrainsTheAsyncSinkIntoTheFile() async throws {
        try await withTemporaryDirectory { dir in
            let file = try FileSink(path: dir + "/app.log", formatter: LineFormatter())
            let sink = try AsyncSink(wrapping: file)
            try await testGracefulShutdown { trigger in
                let service = LogSinkService(sink)
                async let running: Void = service.run()
                for i in 0..<5_000 {
                    sink.log(LogRecord(timestamp: .now(), level: .info, label: "t", message: "r\(i)"))
                }
                trigger.triggerGracefulShutdown()
                try await running
            }
            let text = try String(contentsOfFile: dir + "/app.log", encoding: .utf8)
            #expect(text.split(separator: "\n").map(String.init) == (0..<5_000).map { "r\($0)" })
            sink.log(LogRecord(timestamp: .now(), level: .info, label: "t", message: "late"))
            #expect(sink.statistics.recordsDropped[.closed] == 1)
            #expect(file.statistics.recordsWritten == 5_000)
        }
    }
}
