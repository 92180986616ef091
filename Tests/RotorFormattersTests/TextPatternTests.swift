import RotorCore
import Testing

@testable import RotorFormatters

@Suite struct TextPatternTests {
    @Test func rejectsInvalidPatternsWithTypedErrors() {
        let invalid = [
            "{unknown}", "{", "}", "{message", "message}", "{}", "{{message}", "{message}}", "{mes{sage}",
            "{Message}", "{ message }", "{level", "a\nb", "a\rb", "\u{1B}[31m{level}", "x\u{7F}", "x\u{2028}",
            "x\u{85}",
        ]
        for pattern in invalid {
            #expect(Comment(rawValue: pattern.debugDescription)) {
                _ = try TextFormatter(pattern: pattern)
            } throws: { error in
                guard let error = error as? FormatterError else { return false }
                return error.code == .invalidPattern && error.field == "pattern"
            }
        }
    }

    @Test func namesTheProblemInTheMessage() throws {
        do {
            _ = try TextFormatter(pattern: "{timestamp} {when}")
            Issue.record("no error thrown")
        } catch {
            #expect(error.code == .invalidPattern)
            #expect(error.message.contains("{when}"))
            #expect(error.description.hasPrefix("formatter error invalidPattern:"))
        }
    }

    @Test func parsesPatternsIntoSegmentsOnce() throws {
        #expect(
            try TextPattern.parse("{timestamp} {message} {metadata}") == [
                .token(.timestamp, spaceBefore: false), .literal([UInt8(ascii: " ")]),
                .token(.message, spaceBefore: false),
                .token(.metadata, spaceBefore: true),
            ])
        #expect(try TextPattern.parse("{{x}}") == [.literal(Array("{x}".utf8))])
    }
}
