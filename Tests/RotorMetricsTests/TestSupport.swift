import CoreMetrics
import Logging
import MetricsTestKit
@_spi(RotorInternals) import RotorCore

/// A minimal formatter: `<message>\n`.
struct MessageLineFormatter: LogFormatter {
    func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        buffer.append(contentsOf: record.message.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }
}

func record(_ message: String) -> LogRecord {
    LogRecord(timestamp: LogTimestamp(secondsSinceEpoch: 1_700_000_000), level: .info, label: "test", message: message)
}

/// A compressible message of about 80 bytes.
func message(_ index: Int) -> String {
    "record \(index) " + String(repeating: "lorem ipsum ", count: 6)
}

/// Forwards to a `TestMetrics` and counts every handler the code under test asks it to make, so a
/// test can tell "created once" from "created again and deduplicated by the backend".
final class CountingMetricsFactory: MetricsFactory {
    let metrics = TestMetrics()
    private let made = Locked<[String: Int]>([:])

    /// How many handlers of `kind` (`counter`, `recorder`, `timer`) were made.
    func madeCount(_ kind: String) -> Int { made.withLock { $0[kind] ?? 0 } }

    private func count(_ kind: String) { made.withLock { $0[kind, default: 0] += 1 } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        count("counter")
        return metrics.makeCounter(label: label, dimensions: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        count("recorder")
        return metrics.makeRecorder(label: label, dimensions: dimensions, aggregate: aggregate)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        count("timer")
        return metrics.makeTimer(label: label, dimensions: dimensions)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        count("meter")
        return metrics.makeMeter(label: label, dimensions: dimensions)
    }

    func destroyCounter(_ handler: any CounterHandler) { metrics.destroyCounter(handler) }
    func destroyRecorder(_ handler: any RecorderHandler) { metrics.destroyRecorder(handler) }
    func destroyTimer(_ handler: any TimerHandler) { metrics.destroyTimer(handler) }
    func destroyMeter(_ handler: any MeterHandler) { metrics.destroyMeter(handler) }
}

/// The dimensions of a metric of the sink labelled `sink`, plus `extra`.
func dims(_ sink: String, _ extra: (String, String)...) -> [(String, String)] {
    [("sink", sink)] + extra
}

extension TestMetrics {
    /// The total of the counter `label` for sink `sink` with the extra dimensions, or -1 when missing.
    func total(_ label: String, _ dimensions: [(String, String)]) -> Int {
        (try? expectCounter(label, dimensions)).map { Int($0.totalValue) } ?? -1
    }
}
