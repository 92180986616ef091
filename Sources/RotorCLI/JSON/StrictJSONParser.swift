/// A strict RFC 8259 parser for one JSON text, over raw bytes.
///
/// It rejects what lenient parsers (`JSONSerialization` among them) let through:
/// - duplicate names in any object, compared after unescaping (`{"a":1,"\u0061":2}` is a
///   duplicate), code point by code point;
/// - `NaN`, `Infinity` and `-Infinity`, and numbers outside the grammar (`01`, `1.`, `.5`, `+1`);
/// - invalid UTF-8 anywhere (overlong forms, UTF-16 surrogates encoded in UTF-8, code points above
///   U+10FFFF, stray continuation bytes), a byte order mark, and lone surrogate escapes
///   (`"\ud800"`);
/// - unescaped control characters (U+0000 to U+001F) in strings, and unknown escapes;
/// - trailing commas, trailing content after the value, and an empty text;
/// - nesting deeper than ``maximumDepth``, which also bounds the recursion.
///
/// Whitespace is the four characters RFC 8259 allows (space, tab, line feed, carriage return).
struct StrictJSONParser {
    /// The deepest nesting of arrays and objects accepted (512).
    static let maximumDepth = 512

    private let bytes: UnsafeRawBufferPointer
    private let buildsValues: Bool
    private var index = 0

    private init(_ bytes: UnsafeRawBufferPointer, buildsValues: Bool) {
        self.bytes = bytes
        self.buildsValues = buildsValues
    }

    /// Parses `bytes` as one JSON text.
    ///
    /// - Returns: The value.
    /// - Throws: ``JSONSyntaxError`` with the offset of the first problem.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        var parser = StrictJSONParser(bytes, buildsValues: true)
        return try parser.document()
    }

    /// Parses the UTF-8 of `text` as one JSON text.
    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBytes { raw in Result { () throws(JSONSyntaxError) in try parse(raw) } }
        return try result.get()
    }

    /// Checks `bytes` without building the value (names are still collected to find duplicates).
    ///
    /// - Throws: ``JSONSyntaxError`` with the offset of the first problem.
    static func validate(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        var parser = StrictJSONParser(bytes, buildsValues: false)
        _ = try parser.document()
    }

    // MARK: - Grammar

    private mutating func document() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONSyntaxError(offset: 0, reason: "byte order mark before the value")
        }
        skipWhitespace()
        guard index < bytes.count else { throw JSONSyntaxError(offset: index, reason: "no value (empty text)") }
        let value = try value(depth: 0)
        skipWhitespace()
        guard index == bytes.count else {
            throw JSONSyntaxError(offset: index, reason: "unexpected \(describe(bytes[index])) after the value")
        }
        return value
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw truncated() }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""):
            let text = try string()
            return buildsValues ? .string(String(decoding: text, as: UTF8.self)) : .null
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw JSONSyntaxError(
                offset: index, reason: "\(word()) is not a JSON value (NaN and Infinity are not allowed)")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        default:
            throw JSONSyntaxError(offset: index, reason: "unexpected \(describe(bytes[index])), expected a value")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= Self.maximumDepth else {
            throw JSONSyntaxError(offset: index, reason: "nesting deeper than \(Self.maximumDepth) levels")
        }
        index += 1  // {
        var members: [(key: String, value: JSONValue)] = []
        var names = Set<[UInt8]>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw truncated() }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(
                    offset: index, reason: "unexpected \(describe(bytes[index])), expected a member name")
            }
            let nameOffset = index
            let name = try string()
            guard names.insert(name).inserted else {
                throw JSONSyntaxError(
                    offset: nameOffset,
                    reason: "duplicate key \(JSONValue.quoted(String(decoding: name, as: UTF8.self)))")
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            skipWhitespace()
            let member = try value(depth: depth)
            if buildsValues { members.append((String(decoding: name, as: UTF8.self), member)) }
            skipWhitespace()
            guard index < bytes.count else { throw truncated() }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default:
                throw JSONSyntaxError(
                    offset: index, reason: "unexpected \(describe(bytes[index])), expected ',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= Self.maximumDepth else {
            throw JSONSyntaxError(offset: index, reason: "nesting deeper than \(Self.maximumDepth) levels")
        }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            let element = try value(depth: depth)
            if buildsValues { elements.append(element) }
            skipWhitespace()
            guard index < bytes.count else { throw truncated() }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw JSONSyntaxError(
                    offset: index, reason: "unexpected \(describe(bytes[index])), expected ',' or ']'")
            }
        }
    }

    /// Reads a string literal at `index` (on its opening quote) and returns its decoded UTF-8.
    private mutating func string() throws(JSONSyntaxError) -> [UInt8] {
        let start = index
        index += 1
        var decoded: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw JSONSyntaxError(offset: start, reason: "unterminated string (the text is truncated)")
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return decoded
            case UInt8(ascii: "\\"):
                try escape(into: &decoded)
            case 0x00..<0x20:
                throw JSONSyntaxError(offset: index, reason: "unescaped control character \(hex(byte)) in a string")
            case 0x20..<0x80:
                decoded.append(byte)
                index += 1
            default:
                let length = try utf8Sequence()
                decoded.append(contentsOf: bytes[index..<(index + length)])
                index += length
            }
        }
    }

    /// Decodes the escape at `index` (on its backslash).
    private mutating func escape(into decoded: inout [UInt8]) throws(JSONSyntaxError) {
        let start = index
        index += 1
        guard index < bytes.count else { throw truncated() }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            var scalar = unit
            switch unit {
            case 0xD800...0xDBFF:
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw JSONSyntaxError(
                        offset: start, reason: "lone surrogate \\u\(hex4(unit)) (no low surrogate follows)")
                }
                index += 2
                let low = try hexUnit()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONSyntaxError(
                        offset: start, reason: "lone surrogate \\u\(hex4(unit)) (followed by \\u\(hex4(low)))")
                }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            case 0xDC00...0xDFFF:
                throw JSONSyntaxError(offset: start, reason: "lone surrogate \\u\(hex4(unit)) (a low surrogate first)")
            default:
                break
            }
            decoded.append(contentsOf: String(Unicode.Scalar(scalar)!).utf8)
        default:
            throw JSONSyntaxError(offset: start, reason: "invalid escape \\\(describe(byte, quoted: false))")
        }
    }

    /// Reads the four hex digits of a `\u` escape.
    private mutating func hexUnit() throws(JSONSyntaxError) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw truncated() }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default:
                throw JSONSyntaxError(offset: index, reason: "\(describe(byte)) in a \\u escape is not a hex digit")
            }
            unit = unit << 4 | digit
            index += 1
        }
        return unit
    }

    /// The length of the well-formed multi-byte UTF-8 sequence at `index` (Unicode table 3-7).
    private func utf8Sequence() throws(JSONSyntaxError) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw JSONSyntaxError(offset: index, reason: "invalid UTF-8 (byte \(hex(lead)))")
        }
        guard index + length <= bytes.count else {
            throw JSONSyntaxError(offset: index, reason: "invalid UTF-8 (sequence cut short)")
        }
        guard secondRange.contains(bytes[index + 1]) else {
            throw JSONSyntaxError(
                offset: index, reason: "invalid UTF-8 (byte \(hex(lead)) followed by \(hex(bytes[index + 1])))")
        }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
            throw JSONSyntaxError(offset: index + offset, reason: "invalid UTF-8 (byte \(hex(bytes[index + offset])))")
        }
        return length
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "I") {
                throw JSONSyntaxError(
                    offset: start, reason: "-\(word()) is not a JSON value (NaN and Infinity are not allowed)")
            }
        }
        guard index < bytes.count else { throw truncated() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw JSONSyntaxError(offset: start, reason: "leading zero in a number")
            }
        } else if isDigit(bytes[index]) {
            skipDigits()
        } else {
            throw JSONSyntaxError(offset: index, reason: "unexpected \(describe(bytes[index])), expected a digit")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONSyntaxError(offset: index, reason: "expected a digit after the decimal point")
            }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONSyntaxError(offset: index, reason: "expected a digit in the exponent")
            }
            skipDigits()
        }
        guard buildsValues else { return .null }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func literal(_ expectedWord: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeRawBufferPointer(start: expectedWord.utf8Start, count: expectedWord.utf8CodeUnitCount)
        let remaining = bytes.count - index
        guard remaining >= expected.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            if remaining < expected.count, bytes[index...].elementsEqual(expected.prefix(remaining)) {
                throw truncated()
            }
            throw JSONSyntaxError(offset: index, reason: "invalid literal \(word()), expected \(expectedWord)")
        }
        index += expected.count
    }

    // MARK: - Helpers

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard index < bytes.count else { throw truncated() }
        guard bytes[index] == byte else {
            throw JSONSyntaxError(offset: index, reason: "unexpected \(describe(bytes[index])), expected \(what)")
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// The run of ASCII letters at `index`, for messages (`NaN`, `Infinity`, `nul`…).
    private func word() -> String {
        var end = index
        while end < bytes.count, end - index < 16,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[end] | 0x20)
        {
            end += 1
        }
        return end > index ? String(decoding: bytes[index..<end], as: UTF8.self) : describe(bytes[index])
    }

    private func truncated() -> JSONSyntaxError {
        JSONSyntaxError(offset: bytes.count, reason: "unexpected end of text (truncated)")
    }

    private func describe(_ byte: UInt8, quoted: Bool = true) -> String {
        if (0x21...0x7E).contains(byte) {
            let character = String(UnicodeScalar(byte))
            return quoted ? "'\(character)'" : character
        }
        return "byte \(hex(byte))"
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" : "") + digits
    }

    private func hex4(_ unit: UInt32) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension StrictJSONParser {
    /// Checks that `bytes` is one strict JSON text whose value is an object (a log record).
    ///
    /// - Throws: ``JSONSyntaxError``; offset 0 and "not a JSON object" for another valid value.
    static func validateObject(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        guard !bytes.isEmpty else { throw JSONSyntaxError(offset: 0, reason: "empty line") }
        try validate(bytes)
        var index = 0
        while index < bytes.count, [0x20, 0x09, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            throw JSONSyntaxError(offset: index, reason: "not a JSON object (a record must be an object)")
        }
    }
}
