import Logging
import RotorFormatters
import RotorSinks

/// The standard record, shared with the peers in `../shared/peers`: level info, message
/// "request handled", fields `user_id` (the record's sequence number within its thread), `thread`,
/// `path` and `latency_ms`.
///
/// The path is `/api/v1/items/123` for every record, as in spdlog's and Python's benchmarks; the
/// direct API still assembles it from a literal and an integer, as a real call site would.
enum Workload {
    /// The latency written with record `sequence` (the peers use the same values).
    @inline(__always)
    static func latency(_ sequence: Int) -> Double { Double(sequence % 100_000) / 1000 }

    /// Logs records `sequences` of `thread` through the direct API.
    @inline(never)
    static func direct<Sink: TypedLogSink>(_ logger: DirectLogger<Sink>, thread: Int, sequences: Range<Int>) {
        for sequence in sequences {
            logger.info("request handled") { fields in
                fields.int("user_id", sequence)
                fields.int("thread", thread)
                fields.string("path") {
                    $0.append("/api/v1/items/")
                    $0.append(123)
                }
                fields.double("latency_ms", latency(sequence))
            }
        }
    }

    /// Logs records `sequences` of `thread` through swift-log's `Logger`; the metadata values
    /// are strings, as swift-log call sites write them.
    @inline(never)
    static func swiftLog(_ logger: Logger, thread: Int, sequences: Range<Int>) {
        for sequence in sequences {
            logger.info(
                "request handled",
                metadata: [
                    "user_id": "\(sequence)",
                    "thread": "\(thread)",
                    "path": "/api/v1/items/123",
                    "latency_ms": "\(latency(sequence))",
                ])
        }
    }
}
