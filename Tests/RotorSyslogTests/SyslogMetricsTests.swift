import MetricsTestKit
import RotorCore
import RotorMetrics
import RotorSyslog
import RotorTestKit
import Testing

/// The sink's statistics reach swift-metrics through `SinkMetrics`, like any sink's.
@Suite struct SyslogMetricsTests {
    @Test func deliveredDroppedAndOversizeRecordsBecomeCounters() throws {
        try withTemporaryDirectory { dir in
            let receiver = try DatagramReceiver(path: dir + "/log.sock")
            let sink = try SyslogSink(
                destination: .unixSocket(path: receiver.path),
                configuration: quietConfiguration { $0.maximumMessageSize = 480 }, failureHandler: discardFailures)
            for index in 0..<10 { sink.log(record("r\(index)")) }
            sink.log(record(String(repeating: "x", count: 1000)))
            sink.close()
            sink.log(record("after close"))

            let test = TestMetrics()
            let metrics = SinkMetrics(label: "syslog", factory: test)
            metrics.update(from: sink.statistics)
            let base = [("sink", "syslog")]
            #expect(try test.expectCounter("rotor.records.written", base).totalValue == 11)
            #expect(try test.expectCounter("rotor.records.oversize", base).totalValue == 1)
            #expect(try test.expectCounter("rotor.records.dropped", base + [("cause", "closed")]).totalValue == 1)
            #expect(
                try test.expectCounter("rotor.records.dropped", base + [("cause", "connectionLost")]).totalValue == 0)
            #expect(receiver.receiveAll(quiet: 50).count == 11)
        }
    }
}
