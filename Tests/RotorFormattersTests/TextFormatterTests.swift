import Foundation
import Logging
import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

@Suite struct TextFormatterTests {
    @Test func writesTheDefaultPattern() {
        let formatter = TextFormatter()
        #expect(formatter.pattern == "{timestamp} {level} {label}: {message} {metadata}")
        let line = formattedText(makeRecord(metadata: ["b": "2", "a": "1"]), with: formatter)
        #expect(line == "2026-11-21T14:30:22.123456Z info app: hello a=1 b=2\n")
    }

    @Test func dropsTheSpaceBeforeEmptyMetadataAndError() throws {
        #expect(formattedText(makeRecord(), with: TextFormatter()) == "2026-11-21T14:30:22.123456Z info app: hello\n")
        let formatter = try TextFormatter(pattern: "{message} {metadata} {error}|")
        #expect(formattedText(makeRecord(), with: formatter) == "hello|\n")
        #expect(formattedText(makeRecord(metadata: ["k": "v"]), with: formatter) == "hello k=v|\n")
        #expect(
            formattedText(makeRecord(error: SampleError()), with: formatter) == #"hello disk "full"\nretry later|"#
                + "\n")
    }

    @Test func substitutesEveryToken() throws {
        let formatter = try TextFormatter(
            pattern:
                "{timestamp}|{level}|{LEVEL}|{label}|{message}|{metadata}|{source}|{file}|{function}|{line}|{error}")
        let record = makeRecord(level: .warning, metadata: ["k": "v"], error: SampleError())
        #expect(
            formattedText(record, with: formatter)
                == #"2026-11-21T14:30:22.123456Z|warning|WARNING|app|hello|k=v|App|App/main.swift|main()|42|disk "full"\nretry later"#
                + "\n")
        let bare = makeRecord(level: .critical)
        #expect(
            formattedText(bare, with: formatter)
                == "2026-11-21T14:30:22.123456Z|critical|CRITICAL|app|hello||App|App/main.swift|main()|42|\n")
    }

    @Test func writesLiteralBracesFromDoubledBraces() throws {
        let formatter = try TextFormatter(pattern: "{{{level}}} {{literal}} }}{{ {message}")
        #expect(formattedText(makeRecord(), with: formatter) == "{info} {literal} }{ hello\n")
        #expect(formattedText(makeRecord(), with: try TextFormatter(pattern: "")) == "\n")
        #expect(formattedText(makeRecord(), with: try TextFormatter(pattern: "plain\ttext")) == "plain\ttext\n")
    }

    @Test func writesNestedMetadataSorted() {
        let metadata: Logger.Metadata = [
            "z": "last",
            "b": ["y": "2", "x": ["c": .stringConvertible(3)]],
            "a": ["one", .stringConvertible(2), [], [:]],
        ]
        #expect(
            formattedText(makeRecord(metadata: metadata), with: TextFormatter())
                == "2026-11-21T14:30:22.123456Z info app: hello a=[one, 2, [], [:]] b=[x: [c: 3], y: 2] z=last\n")
    }

    @Test func capsMetadataNesting() {
        var deep = deeplyNestedValue(depth: 10_000)
        defer { dismantle(&deep) }
        let bytes = formattedOnSmallStack(makeRecord(metadata: ["k": deep]), with: TextFormatter())
        let line = String(decoding: bytes, as: UTF8.self)
        #expect(
            line.hasSuffix("k=" + String(repeating: "[k: ", count: 63) + "…" + String(repeating: "]", count: 63) + "\n")
        )
    }

    @Test func escapesControlCharactersInSwiftStyle() throws {
        let message = "a\nb\rc\td\u{1B}[31me\u{0}f\u{7F}g\u{85}h\u{9B}i\u{2028}j\u{2029}k\u{1F}\\n\"q\"é😀"
        let line = formattedText(makeRecord(message: message), with: try TextFormatter(pattern: "{message}"))
        #expect(line == #"a\nb\rc\td\u{1B}[31me\u{0}f\u{7F}g\u{85}h\u{9B}i\u{2028}j\u{2029}k\u{1F}\n"q"é😀"# + "\n")
    }

    @Test func escapesEveryInterpolatedValue() throws {
        let formatter = try TextFormatter(pattern: "{label} {message} {metadata} {source} {file} {function} {error}")
        struct HostileError: Error, CustomStringConvertible { var description: String { hostileString } }
        let record = LogRecord(
            timestamp: sampleTimestamp, level: .info, label: hostileString, message: hostileString,
            metadata: [hostileString: [hostileString: [.string(hostileString)]]], source: hostileString,
            file: hostileString, function: hostileString, line: 1, error: HostileError())
        let bytes = formatted(record, with: formatter)
        expectOneLine(bytes)
        #expect(!bytes.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F })
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            !text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(text.contains("😀👩‍👩‍👧‍👦🇫🇷"))
    }

    @Test func writesOneLinePerRecordWhateverTheMessages() {
        var generator = SplitMix64(seed: 99)
        let alphabet: [Unicode.Scalar] =
            (0...0x7F).map { Unicode.Scalar(UInt8($0)) }
            + ["\u{85}", "\u{2028}", "\u{2029}", "\u{9B}", "é", "😀", "\u{301}"]
        for formatter in [TextFormatter(), TextFormatter(colorMode: .always)] {
            var output = LogBuffer()
            let records = 2_000
            for _ in 0..<records {
                let length = Int.random(in: 0...40, using: &generator)
                var message = String.UnicodeScalarView()
                for _ in 0..<length { message.append(alphabet.randomElement(using: &generator)!) }
                let key = String(message.prefix(3))
                formatter.format(
                    makeRecord(
                        label: String(message), message: String(message), metadata: [key: .string(String(message))]),
                    into: &output)
            }
            let buffer = output.bytes
            #expect(buffer.count(where: { $0 == UInt8(ascii: "\n") }) == records)
            #expect(!buffer.contains(UInt8(ascii: "\r")))
            #expect(buffer.last == UInt8(ascii: "\n"))
            let escapes = buffer.count(where: { $0 == 0x1B })
            #expect(escapes == (formatter.colorMode == .always ? 2 * records : 0))
        }
    }

    @Test func coloursTheLevelOnlyWhenAsked() throws {
        let record = makeRecord(message: "x\u{1B}y")
        #expect(!formatted(record, with: TextFormatter()).contains(0x1B))
        #expect(!formatted(record, with: TextFormatter(colorMode: .automatic)).contains(0x1B))
        let colored = formattedText(record, with: TextFormatter(colorMode: .always))
        #expect(colored == "2026-11-21T14:30:22.123456Z \u{1B}[32minfo\u{1B}[0m app: x\\u{1B}y\n")
        let upper = try TextFormatter(pattern: "{LEVEL}", colorMode: .always)
        let expectedStarts: [Logger.Level: String] = [
            .trace: "90", .debug: "36", .info: "32", .notice: "34", .warning: "33", .error: "31", .critical: "1;31",
        ]
        for level in Logger.Level.allCases {
            let line = formattedText(makeRecord(level: level), with: upper)
            #expect(line == "\u{1B}[\(expectedStarts[level]!)m\(level.rawValue.uppercased())\u{1B}[0m\n")
        }
    }

    @Test func resolvesAutomaticColour() {
        let automatic = TextFormatter(colorMode: .automatic)
        #expect(automatic.resolvingColor(isTerminal: true).colorMode == .always)
        #expect(automatic.resolvingColor(isTerminal: false).colorMode == .never)
        #expect(TextFormatter(colorMode: .never).resolvingColor(isTerminal: true).colorMode == .never)
        #expect(TextFormatter(colorMode: .always).resolvingColor(isTerminal: false).colorMode == .always)
        #expect(formatted(makeRecord(), with: automatic.resolvingColor(isTerminal: true)).contains(0x1B))
    }

    @Test func usesTheTimestampStyle() throws {
        let formatter = try TextFormatter(
            pattern: "{timestamp}", timestampStyle: TimestampStyle(utcOffsetSeconds: -3600, fractionalDigits: 3))
        #expect(formattedText(makeRecord(), with: formatter) == "2026-11-21T13:30:22.123-01:00\n")
    }
}
