import Testing

@testable import rotor

@Suite struct StrictJSONParserTests {
    @Test(arguments: [
        #"{}"#, #"[]"#, #"0"#, #"-0.5e+10"#, #"1E3"#, #""""#, #"true"#, #"null"#, " \t{\"a\" : [1, 2.5, \"x\"]}\r",
        #"{"a":{"a":{"a":1}}}"#, #"{"a":1,"A":2}"#, #""\u00e9\ud83d\ude00\/\b\f\n\r\t\\\"""#, "\"é😀\u{7F}\"",
        #"{"e":"e\u0301","é":1}"#, #"{"\u0000":1}"#,
    ])
    func acceptsValidJSON(_ text: String) throws {
        _ = try StrictJSONParser.parse(text)
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate key \"a\""),
        (#"{"a":1,"\u0061":2}"#, "duplicate key \"a\""),
        (#"[{"x":{"y":1,"y":1}}]"#, "duplicate key \"y\""),
        (#"NaN"#, "NaN is not a JSON value"),
        (#"{"a":-Infinity}"#, "-Infinity is not a JSON value"),
        (#"[Infinity]"#, "Infinity is not a JSON value"),
        (#""\ud800""#, "lone surrogate \\ud800"),
        (#""\udc00""#, "lone surrogate \\udc00"),
        (#""\ud800\u0041""#, "lone surrogate \\ud800"),
        ("\"a\u{01}\"", "unescaped control character 0x01"),
        ("\"a\tb\"", "unescaped control character 0x09"),
        (#""\x""#, "invalid escape \\x"),
        (#""\u12G4""#, "'G' in a \\u escape is not a hex digit"),
        (#"{"a":1} x"#, "unexpected 'x' after the value"),
        (#"{"a":1,}"#, "expected a member name"),
        (#"[1,]"#, "expected a value"),
        (#"{"a" 1}"#, "expected ':' after a member name"),
        (#"01"#, "leading zero"),
        (#"1."#, "expected a digit after the decimal point"),
        (#".5"#, "expected a value"),
        (#"+1"#, "expected a value"),
        (#"1e"#, "expected a digit in the exponent"),
        (#"{"a":tru}"#, "invalid literal tru"),
        (#"{"a":"#, "unexpected end of text (truncated)"),
        (#"{"a":"bc"#, "unterminated string"),
        (#"[tr"#, "unexpected end of text (truncated)"),
        ("", "no value (empty text)"),
        ("  ", "no value (empty text)"),
        ("{'a':1}", "expected a member name"),
    ])
    func rejectsWithAReason(_ text: String, _ reason: String) {
        #expect {
            _ = try StrictJSONParser.parse(text)
        } throws: { error in
            (error as? JSONSyntaxError)?.reason.contains(reason) == true
        }
    }

    @Test(
        arguments: [
            [0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xE0, 0x80, 0xAF, 0x22],
            [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22],
            [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
        ] as [[UInt8]])
    func rejectsInvalidUTF8AndAByteOrderMark(_ bytes: [UInt8]) {
        #expect(throws: JSONSyntaxError.self) {
            try bytes.withUnsafeBytes { try StrictJSONParser.validate($0) }
        }
    }

    @Test func reportsTheOffsetOfTheProblem() {
        let error = #expect(throws: JSONSyntaxError.self) { _ = try StrictJSONParser.parse(#"{"ab":1, "ab":2}"#) }
        #expect(error?.offset == 9)
        #expect(error?.description == "column 10: duplicate key \"ab\"")
    }

    @Test func buildsValuesInSourceOrder() throws {
        let value = try StrictJSONParser.parse(#"{"b":[1,true,null],"a":{"x":"\u00e9\n"},"c":-2.5E-3}"#)
        #expect(
            value
                == .object([
                    ("b", .array([.number("1"), .bool(true), .null])), ("a", .object([("x", .string("é\n"))])),
                    ("c", .number("-2.5E-3")),
                ]))
        #expect(value["a"]?["x"]?.stringValue == "é\n")
        #expect(value.compactText == #"{"b":[1,true,null],"a":{"x":"é\n"},"c":-2.5E-3}"#)
    }

    @Test func limitsNesting() throws {
        let deep =
            String(repeating: "[", count: StrictJSONParser.maximumDepth)
            + String(repeating: "]", count: StrictJSONParser.maximumDepth)
        _ = try StrictJSONParser.parse(deep)
        #expect(throws: JSONSyntaxError.self) { _ = try StrictJSONParser.parse("[" + deep + "]") }
    }
}
