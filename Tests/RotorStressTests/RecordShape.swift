import Foundation

/// What one line of a stress log holds.
enum ParsedLine {
    /// A valid stress record.
    case record(StreamKey, seq: Int)
    /// A JSON object that is not a valid stress record.
    case malformed(String)
    /// Not strict UTF-8, or not a JSON object: a torn line.
    case unparsable

    var run: Int? {
        if case .record(let key, _) = self { key.run } else { nil }
    }
}

/// The stress record as the `rotor-stress` issue defines it, checked independently of the writer's
/// code: `level` `info`, `message` `request handled`, and the fields `run`, `thread`, `seq`,
/// `user_id` (= `seq`), `path` (`/api/v1/items/<seq>`) and `latency` (a double), at the top level
/// or under `metadata`, each a JSON number or a string holding one.
enum RecordShape {
    static func parse(_ bytes: Data, expectedPad: Int?) -> ParsedLine {
        bytes.withUnsafeBytes { parse($0.bindMemory(to: UInt8.self), expectedPad: expectedPad) }
    }

    /// Parses one line (without its `\n`).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, expectedPad: Int?) -> ParsedLine {
        guard String(validating: bytes, as: UTF8.self) != nil,
            let parsed = try? JSONSerialization.jsonObject(with: Data(buffer: bytes), options: []),
            let object = parsed as? [String: Any]
        else { return .unparsable }
        let metadata = object["metadata"] as? [String: Any]
        func field(_ name: String) -> Any? { object[name] ?? metadata?[name] }
        guard let run = integer(field("run")), let thread = integer(field("thread")), let seq = integer(field("seq"))
        else { return .malformed("no integer run, thread and seq") }
        guard run >= 0, thread >= 0, seq >= 0, seq < 1 << 27 else {
            return .malformed("negative or huge run, thread or seq")
        }
        guard object["level"] as? String == "info" else { return .malformed("level is not info") }
        guard object["message"] as? String == "request handled" else { return .malformed("wrong message") }
        guard integer(field("user_id")) == seq else { return .malformed("user_id differs from seq \(seq)") }
        guard field("path") as? String == "/api/v1/items/\(seq)" else { return .malformed("wrong path for seq \(seq)") }
        guard double(field("latency")) != nil else { return .malformed("latency is not a double") }
        guard object["timestamp"] is String else { return .malformed("no timestamp") }
        if let expectedPad {
            let pad = field("pad").map { $0 as? String }
            let length = pad == nil ? 0 : pad??.utf8.count ?? -1
            guard length == expectedPad else { return .malformed("pad length \(length), expected \(expectedPad)") }
        }
        return .record(StreamKey(run: run, thread: thread), seq: seq)
    }

    /// An integer from a JSON number without fraction or a string of decimal digits.
    static func integer(_ value: Any?) -> Int? {
        if let text = value as? String {
            guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                return nil
            }
            return Int(text)
        }
        // On Linux, `is Bool` also holds for the numbers 0 and 1; a JSON boolean's objCType is "c".
        if let number = value as? NSNumber, String(cString: number.objCType) != "c" {
            return Int(exactly: number.doubleValue)
        }
        return nil
    }

    /// A finite double from a JSON number or a string holding one.
    static func double(_ value: Any?) -> Double? {
        let result: Double?
        if let text = value as? String {
            result = Double(text)
        } else if let number = value as? NSNumber {
            result = number.doubleValue
        } else {
            result = nil
        }
        return result.flatMap { $0.isFinite ? $0 : nil }
    }
}
