import Logging
import RotorCore
import RotorFormatters

/// swift-log statements that exercise every part of a record (nested, invalid, non-NFC and
/// clashing metadata, errors, explicit and derived sources, every level), and the formatters they
/// are written with, shared by the tests that compare two paths to the same bytes.
enum SwiftLogSamples {
    static let textPatterns = [
        TextFormatter.defaultPattern,
        "{timestamp}|{level}|{LEVEL}|{label}|{message}|{metadata}|{source}|{file}|{function}|{line}|{error}",
        "[{LEVEL}] {file}:{line} {function} ({source}) {message} {metadata} {error}",
        "{message} {metadata}{metadata}",
        "{message}",
    ]

    /// Every built-in formatter shape.
    static var formatters: [any LogFormatter] {
        textPatterns.map { try! TextFormatter(pattern: $0) } + [
            TextFormatter(colorMode: .always),
            TextFormatter(timestampStyle: try! TimestampStyle(utcOffsetSeconds: 3_600, fractionalDigits: 3)),
            JSONFormatter(), JSONFormatter(fields: []), JSONFormatter(metadataPlacement: .flattened),
        ]
    }

    static let invalidUTF8 = String(decoding: [0x66, 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x67], as: UTF8.self)

    struct Failure: Error, CustomStringConvertible {
        var description: String { "no\nluck \u{1B}[31m" }
    }

    /// A description that changes after the record is logged: a capture must keep the one from the
    /// moment of logging.
    final class Counter: CustomStringConvertible, @unchecked Sendable {
        // Unchecked: the tests change it only between log calls, from one thread.
        var value = 0
        var description: String { "count \(value)" }
    }

    /// Logs statement `sequence`.
    static func log(_ logger: Logger, _ sequence: Int, _ counter: Counter) {
        let error: (any Error)? = sequence % 5 == 0 ? Failure() : nil
        let metadata: Logger.Metadata = [
            "sequence": .stringConvertible(sequence),
            "counter": .stringConvertible(counter),
            "nested": ["list": ["a", ["b": "c"], [], [:]], "empty": [:], "z": "\"quoted\""],
            "array": [.string(invalidUTF8), .stringConvertible(3.5)],
            invalidUTF8: "invalid",
            "e\u{301}x": "decomposed", "é": "composed", "f": "after",
            "level": "clashes with a field",
        ]
        let level = Logger.Level.allCases[sequence % Logger.Level.allCases.count]
        logger.log(
            level: level, "message \(sequence) \u{2028}é", error: error, metadata: sequence % 7 == 3 ? nil : metadata,
            source: sequence % 2 == 0 ? "Module" : nil)
    }
}
