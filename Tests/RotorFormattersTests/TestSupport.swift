import Foundation
import Logging
import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

/// 2026-11-21T14:30:22.123456789Z.
let sampleTimestamp = LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 123_456_789)

/// Every C0 control, DEL, quotes, backslashes, the JavaScript line terminators, C1 controls,
/// emoji (including a ZWJ sequence and a flag), combining marks and right-to-left text.
let hostileString: String = {
    var text = String(String.UnicodeScalarView((0x00...0x1F).map { Unicode.Scalar(UInt8($0)) }))
    text += "\u{7F} \"quoted\" 'single' \\ \\\\ \\n \\u0000 \u{2028}\u{2029}\u{85}\u{9B}[31m"
    text += " 😀👩‍👩‍👧‍👦🇫🇷 e\u{301} a\u{308}\u{323} 漢字 עברית \u{FEFF}\u{200B}\u{FFFD} \u{10FFFF} </script>{}[],:"
    return text
}()

struct SampleError: Error, CustomStringConvertible {
    var description: String { "disk \"full\"\nretry later" }
}

/// Makes a record with fixed call-site values.
func makeRecord(
    timestamp: LogTimestamp = sampleTimestamp,
    level: Logger.Level = .info,
    label: String = "app",
    message: String = "hello",
    metadata: Logger.Metadata = [:],
    source: String = "App",
    error: (any Error)? = nil
) -> LogRecord {
    LogRecord(
        timestamp: timestamp, level: level, label: label, message: message, metadata: metadata,
        source: source, file: "App/main.swift", function: "main()", line: 42, error: error)
}

/// Formats one record into a fresh buffer.
func formatted(_ record: LogRecord, with formatter: some LogFormatter) -> [UInt8] {
    var buffer = LogBuffer()
    formatter.format(record, into: &buffer)
    return buffer.bytes
}

/// The formatted record as text.
func formattedText(_ record: LogRecord, with formatter: some LogFormatter) -> String {
    String(decoding: formatted(record, with: formatter), as: UTF8.self)
}

/// Parses one JSON line (which must be valid UTF-8 and end with exactly one `\n`) into an object.
func parseJSONLine(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    #expect(bytes.last == UInt8(ascii: "\n"), sourceLocation: sourceLocation)
    #expect(
        String(validating: bytes, as: UTF8.self) != nil, "output is not valid UTF-8", sourceLocation: sourceLocation)
    let object = try JSONSerialization.jsonObject(with: Data(bytes.dropLast()), options: [])
    return try #require(object as? [String: Any], sourceLocation: sourceLocation)
}

/// Asserts the "one record, one line" contract: a single `\n`, at the end, and no `\r`.
func expectOneLine(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(bytes.last == UInt8(ascii: "\n"), sourceLocation: sourceLocation)
    #expect(bytes.count(where: { $0 == UInt8(ascii: "\n") }) == 1, sourceLocation: sourceLocation)
    #expect(!bytes.contains(UInt8(ascii: "\r")), sourceLocation: sourceLocation)
}

/// Builds metadata nested `depth` dictionaries deep under key `"k"`, without recursion.
func deeplyNestedValue(depth: Int, alternateArrays: Bool = false) -> Logger.MetadataValue {
    var value: Logger.MetadataValue = .string("bottom")
    for level in 0..<depth {
        value = alternateArrays && level % 2 == 1 ? .array([value]) : .dictionary(["k": value])
    }
    return value
}

/// Releases a deeply nested value one level at a time: letting the last reference go at once
/// would free it recursively, one stack frame per level. Call it only when nothing else (a
/// record, a closure) still holds the value.
func dismantle(_ value: inout Logger.MetadataValue) {
    var current = value
    value = .string("")
    while true {
        switch current {
        case .dictionary(let dictionary):
            guard let next = dictionary.values.first else { return }
            current = next
        case .array(let array):
            guard let next = array.first else { return }
            current = next
        case .string, .stringConvertible:
            return
        }
    }
}

/// Formats `record` on a new thread with a small stack (512 KiB) and returns the bytes.
///
/// The thread takes the record out of a box, so no closure context keeps it (and any deep
/// metadata in it) alive after this function returns.
func formattedOnSmallStack(_ record: LogRecord, with formatter: some LogFormatter) -> [UInt8] {
    let input = ResultBox<LogRecord>()
    input.value = record
    let output = ResultBox<[UInt8]>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        if let record = input.take() {
            output.value = formatted(record, with: formatter)
        }
        done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
    return output.take() ?? []
}

/// A thread-safe box for results produced on another thread.
final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Returns the value and empties the box.
    func take() -> Value? {
        lock.withLock {
            defer { stored = nil }
            return stored
        }
    }
}
