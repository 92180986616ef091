import Logging
import RotorCore
import Testing

@testable import RotorFormatters

/// `TextFormatter`'s direct path writes typed fields straight into the line, and the line is the
/// one the same fields give as swift-log metadata (the path it replaced).
@Suite struct TextTypedFieldsTests {
    /// The line through the direct path, and through a `LogRecord` whose metadata the same
    /// fields are collected into.
    private func bothLines(
        _ formatter: TextFormatter, level: Logger.Level = .info, message: StaticString = "request handled",
        fields: (inout RecordFields) -> Void
    ) -> (direct: String, record: String) {
        var direct = LogBuffer()
        direct.append("prefix|")
        formatter.format(
            timestamp: sampleTimestamp, level: level, label: "api", message: message, into: &direct, fields: fields)
        let record = LogRecord(
            timestamp: sampleTimestamp, level: level, label: "api", message: message.description,
            metadata: RecordFields.metadata(fields), source: "", file: "", function: "", line: 0)
        var viaRecord = LogBuffer()
        viaRecord.append("prefix|")
        formatter.format(record, into: &viaRecord)
        return (direct.text, viaRecord.text)
    }

    private static let patterns = [
        TextFormatter.defaultPattern,
        "{timestamp}|{level}|{LEVEL}|{label}|{message}|{metadata}|{source}|{file}|{function}|{line}|{error}",
        "{message} {metadata} {error}|",
        "{metadata} {metadata}|{metadata}",
        "{message} no metadata token",
    ]

    @Test(arguments: patterns)
    func theDirectLineIsTheLineOfTheSameMetadata(pattern: String) throws {
        for formatter in [try TextFormatter(pattern: pattern), try TextFormatter(pattern: pattern, colorMode: .always)]
        {
            let cases: [(inout RecordFields) -> Void] = [
                { _ in },
                { $0.int("only", -42) },
                // The benchmark's shape: keys out of order.
                { fields in
                    fields.int("user_id", 123_456)
                    fields.int("thread", 0)
                    fields.string("path") {
                        $0.append("/api/v1/items/"); $0.append(123)
                    }
                    fields.double("latency_ms", 12.345)
                },
                // Already sorted.
                { fields in
                    fields.string("a", "1")
                    fields.string("b", "2")
                },
                // Repeated keys: the first key's place, the last value.
                { fields in
                    fields.int("k", 1)
                    fields.string("a", "x")
                    fields.int("k", 2)
                    fields.bool("k", true)
                },
                // Every value kind and hostile text.
                { fields in
                    fields.double("nan", .nan)
                    fields.double("inf", .infinity)
                    fields.double("-inf", -.infinity)
                    fields.double("zero", -0.0)
                    fields.double("big", 1e20)
                    fields.double("small", 5e-324)
                    fields.double("tenth", 0.1)
                    fields.bool("no", false)
                    fields.int("min", .min)
                    fields.string("hostile", hostileString)
                    fields.string("literal", "tab\there\nline \u{85}")
                    fields.string("built") {
                        $0.append(hostileString); $0.append("\u{2028}"); $0.append(-7)
                    }
                    fields.string("key with\nnewline", "v")
                },
                // Non-ASCII keys sort as `String`s do.
                { fields in
                    fields.string("é", "composed")
                    fields.string("f", "after")
                    fields.string("e", "plain")
                    fields.string("😀", "emoji")
                    fields.string("ea", "prefix")
                },
                // More fields than fit on the stack.
                { fields in
                    for (index, key) in Self.manyKeys.enumerated() { fields.int(key, index) }
                },
            ]
            for body in cases {
                let (direct, record) = bothLines(formatter, fields: body)
                #expect(direct == record)
            }
        }
    }

    private static let manyKeys: [StaticString] = [
        "t", "s", "r", "q", "p", "o", "n", "m", "l", "k", "j", "i", "h", "g", "f", "e", "d", "c", "b", "a", "k", "a",
    ]

    @Test func theFieldsAreWrittenWhereMetadataGoes() {
        let (direct, _) = bothLines(TextFormatter(), level: .warning) { fields in
            fields.int("user_id", 7)
            fields.string("path", "/x")
        }
        #expect(direct == "prefix|2026-11-21T14:30:22.123456Z warning api: request handled path=/x user_id=7\n")
    }

    @Test func theFieldsClosureRunsOnceWhateverThePattern() throws {
        for pattern in Self.patterns {
            var calls = 0
            var buffer = LogBuffer()
            try TextFormatter(pattern: pattern).format(
                timestamp: sampleTimestamp, level: .info, label: "l", message: "m", into: &buffer
            ) { fields in
                calls += 1
                fields.int("a", 1)
            }
            #expect(calls == 1)
        }
    }
}

extension TextTypedFieldsTests {
    @Test func levelNamesAreSwiftLogsRawValues() {
        for level in Logger.Level.allCases {
            #expect(TextFormatter.name(of: level, upperCase: false).description == level.rawValue)
            #expect(TextFormatter.name(of: level, upperCase: true).description == level.rawValue.uppercased())
        }
    }
}
