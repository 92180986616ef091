import Foundation
@_spi(RotorInternals) import RotorCore
import RotorSyslog
import RotorTestKit
import Testing

/// Faults a Unix-socket receiver can cause, without a daemon: a missing socket, a receiver that
/// stops reading, a receiver that goes away and comes back. The counters must match what arrived.
@Suite struct SyslogFaultTests {
    @Test func aMissingSocketCountsEveryRecordAsAWriteFailure() throws {
        try withTemporaryDirectory { dir in
            let sink = try SyslogSink(
                destination: .unixSocket(path: dir + "/absent.sock"),
                configuration: quietConfiguration { $0.deliveryTimeout = .milliseconds(200) },
                failureHandler: discardFailures)
            for index in 0..<50 { sink.log(record("lost \(index)")) }
            sink.close()
            let statistics = sink.statistics
            #expect(statistics.recordsWritten == 0)
            #expect(statistics.recordsDropped[.writeFailure] == 50)
            #expect((statistics.failures[.open] ?? 0) >= 1)
        }
    }

    @Test func failureReportsNameTheDestination() throws {
        try withTemporaryDirectory { dir in
            let reports = Locked<[SinkFailure]>([])
            let sink = try SyslogSink(
                destination: .unixSocket(path: dir + "/absent.sock"),
                configuration: quietConfiguration { $0.deliveryTimeout = .milliseconds(50) },
                failureHandler: { failure in reports.withLock { $0.append(failure) } })
            sink.log(record("x"))
            sink.close()
            let first = reports.withLock { $0.first }
            #expect(first?.kind == .open)
            #expect(first?.sink == "unix:\(dir)/absent.sock")
        }
    }

    @Test func aReceiverThatStopsReadingCostsCountedWriteFailuresNotABlockedCaller() throws {
        try withTemporaryDirectory { dir in
            let receiver = try DatagramReceiver(path: dir + "/log.sock", receiveBuffer: 4096)
            let sink = try SyslogSink(
                destination: .unixSocket(path: receiver.path),
                configuration: quietConfiguration { $0.deliveryTimeout = .milliseconds(100) },
                failureHandler: discardFailures)
            let started = ContinuousClock.now
            for index in 0..<3000 { sink.log(record("r \(index) " + String(repeating: "p", count: 200))) }
            #expect(ContinuousClock.now - started < .seconds(2))  // the callers never waited for the socket
            sink.close()
            let arrived = receiver.receiveAll(quiet: 100).count
            let statistics = sink.statistics
            #expect(statistics.recordsWritten == arrived)
            #expect(statistics.recordsWritten + statistics.totalRecordsDropped == 3000)
            #expect((statistics.recordsDropped[.writeFailure] ?? 0) > 0)
        }
    }

    @Test func aReceiverThatComesBackIsReconnected() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/log.sock"
            var receiver = try DatagramReceiver(path: path)
            let sink = try SyslogSink(
                destination: .unixSocket(path: path),
                configuration: quietConfiguration { $0.deliveryTimeout = .seconds(5) },
                failureHandler: discardFailures)
            for index in 0..<5 { sink.log(record("first \(index)")) }
            sink.flush()
            let first = receiver.receiveText(quiet: 50)
            receiver.close()
            // The receiver is gone; it comes back while the sink waits to deliver.
            for index in 0..<5 { sink.log(record("second \(index)")) }
            Thread.sleep(forTimeInterval: 0.05)
            receiver = try DatagramReceiver(path: path)
            sink.flush()
            let second = receiver.receiveText(quiet: 100)
            sink.close()
            #expect(first.count == 5)
            #expect(second.count == 5 && second.allSatisfy { $0.contains("second") })
            #expect(sink.statistics.recordsWritten == 10)
            #expect((sink.statistics.failures[.open] ?? 0) >= 1)
        }
    }

    @Test func recordsAfterCloseAreCountedAsClosed() throws {
        try withTemporaryDirectory { dir in
            let receiver = try DatagramReceiver(path: dir + "/log.sock")
            let sink = try SyslogSink(
                destination: .unixSocket(path: receiver.path), configuration: quietConfiguration())
            sink.log(record("in"))
            sink.close()
            sink.log(record("out"))
            #expect(sink.statistics.recordsWritten == 1)
            #expect(sink.statistics.recordsDropped[.closed] == 1)
            #expect(receiver.receiveAll(quiet: 50).count == 1)
        }
    }
}
