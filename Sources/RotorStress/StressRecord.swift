import Logging
import RotorCore

/// The records `rotor-stress` writes: the standard request record plus the run, thread and
/// sequence number that the verifiers use to find lost, duplicated or reordered records.
///
/// Metadata values are swift-log strings, so the JSON formatter writes every field as a JSON
/// string (`"seq":"42"`); readers accept a string or a number.
enum StressRecord {
    /// The message of every record.
    static let message = "request handled"
    /// The logger label of every record.
    static let label = "rotor-stress"

    /// The `path` field of record `seq`.
    static func itemPath(seq: Int) -> String { "/api/v1/items/\(seq)" }

    /// The `latency` field of record `seq` of `thread`: a deterministic double with a fraction.
    static func latency(thread: Int, seq: Int) -> Double { Double((seq &* 31 &+ thread) % 100_000) / 8 + 0.125 }

    /// The `pad` field: `count` ASCII letters and digits (an empty string for 0).
    static func padding(count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return String(decoding: (0..<count).map { alphabet[$0 % alphabet.count] }, as: UTF8.self)
    }

    /// Builds record `seq` of `thread` in `run`, with a `pad` field when `pad` is not empty.
    static func make(run: String, thread: Int, seq: Int, pad: String, timestamp: LogTimestamp) -> LogRecord {
        let seqText = String(seq)
        var metadata: Logger.Metadata = [
            "run": .string(run),
            "thread": .string(String(thread)),
            "seq": .string(seqText),
            "user_id": .string(seqText),
            "path": .string(itemPath(seq: seq)),
            "latency": .string(String(latency(thread: thread, seq: seq))),
        ]
        if !pad.isEmpty { metadata["pad"] = .string(pad) }
        return LogRecord(
            timestamp: timestamp, level: .info, label: label, message: message, metadata: metadata,
            source: "RotorStress")
    }
}
