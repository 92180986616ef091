import RotorCore

/// A placeholder of a ``TextFormatter`` pattern.
enum TextToken: String, Sendable, Hashable, CaseIterable {
    case timestamp
    case level
    case upperLevel = "LEVEL"
    case label
    case message
    case metadata
    case source
    case file
    case function
    case line
    case error

    /// Tokens that may render as nothing; a single space before them is written only when they
    /// render something.
    var isOptional: Bool { self == .metadata || self == .error }
}

/// One piece of a parsed pattern.
enum TextSegment: Sendable, Hashable {
    /// Bytes copied as they are.
    case literal([UInt8])
    /// A value from the record; `spaceBefore` is a space taken from the preceding literal, written
    /// only if the (optional) token renders something.
    case token(TextToken, spaceBefore: Bool)
}

/// Parses ``TextFormatter`` patterns.
enum TextPattern {
    /// Splits `pattern` into literals and tokens.
    ///
    /// - Throws: ``FormatterError`` `invalidPattern` (field `"pattern"`) for an unknown or empty
    ///   token, a `{` without its `}`, a lone `}`, or a control character other than tab (C0, DEL,
    ///   C1, U+2028, U+2029) in the literal text.
    static func parse(_ pattern: String) throws(FormatterError) -> [TextSegment] {
        for (offset, scalar) in pattern.unicodeScalars.enumerated() {
            let value = scalar.value
            if (value < 0x20 && value != 0x09) || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 {
                throw invalid(
                    "control character U+\(hex(value)) at scalar offset \(offset); only tab is allowed", pattern)
            }
        }
        let bytes = Array(pattern.utf8)
        var segments: [TextSegment] = []
        var literal: [UInt8] = []
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == open {
                if index + 1 < bytes.count && bytes[index + 1] == open {
                    literal.append(open)
                    index += 2
                    continue
                }
                guard let end = bytes[(index + 1)...].firstIndex(where: { $0 == close || $0 == open }),
                    bytes[end] == close
                else {
                    throw invalid(
                        "'{' at byte offset \(index) is not closed by '}' (write '{{' for a literal '{')", pattern)
                }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                guard let token = TextToken(rawValue: name) else {
                    let known = TextToken.allCases.map { "{\($0.rawValue)}" }.joined(separator: " ")
                    throw invalid("unknown token '{\(name)}' at byte offset \(index); known tokens: \(known)", pattern)
                }
                var spaceBefore = false
                if token.isOptional, literal.last == UInt8(ascii: " ") {
                    literal.removeLast()
                    spaceBefore = true
                }
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = []
                segments.append(.token(token, spaceBefore: spaceBefore))
                index = end + 1
            } else if byte == close {
                guard index + 1 < bytes.count && bytes[index + 1] == close else {
                    throw invalid(
                        "'}' at byte offset \(index) has no matching '{' (write '}}' for a literal '}')", pattern)
                }
                literal.append(close)
                index += 2
            } else {
                literal.append(byte)
                index += 1
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }

    private static func invalid(_ message: String, _ pattern: String) -> FormatterError {
        FormatterError(.invalidPattern, "invalid pattern \(pattern.debugDescription): \(message)", field: "pattern")
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
