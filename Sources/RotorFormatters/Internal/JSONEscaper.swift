import RotorCore

/// Escapes text for the inside of a JSON string (RFC 8259), working on UTF-8 bytes.
///
/// Escaped: `"` → `\"`, `\` → `\\`, the C0 controls U+0000–U+001F (`\b` `\t` `\n` `\f` `\r` short
/// forms, otherwise `\u00XX` with lower-case hex), DEL U+007F → `\u007f`, and the JavaScript line
/// terminators U+2028 → `\u2028` and U+2029 → `\u2029`. Every other byte is copied, in runs: the
/// scanner skips eight bytes at a time while none of them needs attention and copies each clean run
/// with one `append(contentsOf:)`.
///
/// ``appendEscaped(_:into:)`` trusts its input (a Swift `String` is always valid UTF-8).
/// ``appendEscaped(bytes:into:)`` validates: each maximal ill-formed subsequence (overlong forms,
/// surrogates `ED A0 80`…, code points above U+10FFFF, lone continuation bytes, truncated sequences)
/// becomes one U+FFFD, the same policy as Swift's `String(decoding:as: UTF8.self)`.
@usableFromInline
enum JSONEscaper {
    /// Appends the escaped UTF-8 bytes of `text` (a `String`, or captured text), without quotes.
    @inline(__always)
    static func appendEscaped<Text: RecordText>(_ text: Text, into buffer: inout LogBuffer) {
        text.withUTF8Buffer { appendEscaped(utf8: $0, validating: false, into: &buffer) }
    }

    /// Appends the escaped bytes of a string literal, without quotes. ASCII literals (the usual
    /// case: keys and messages) are trusted; others are validated, since a literal built from
    /// a `Unicode.Scalar` has no pointer and is validated as well.
    ///
    /// Only the test for a literal that needs nothing (copied in one piece) is inlined; the
    /// rest is out of line, which keeps this small enough to be inlined into large callers.
    @inline(__always)
    static func appendEscaped(_ literal: StaticString, into buffer: inout LogBuffer) {
        if literal.hasPointerRepresentation && literal.isASCII
            && isPlain(literal.utf8Start, literal.utf8CodeUnitCount)
        {
            buffer.append(literal.utf8Start, count: literal.utf8CodeUnitCount)
        } else {
            appendEscapedLiteral(literal, into: &buffer)
        }
    }

    /// ``appendEscaped(_:into:)-(StaticString,_)`` for a literal that may need escaping.
    @inline(never)
    static func appendEscapedLiteral(_ literal: StaticString, into buffer: inout LogBuffer) {
        if literal.hasPointerRepresentation {
            appendEscaped(
                utf8: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount),
                validating: !literal.isASCII, into: &buffer)
        } else {
            literal.withUTF8Buffer { appendEscaped(utf8: $0, validating: true, into: &buffer) }
        }
    }

    /// Appends the escaped, quoted string.
    static func appendQuoted(_ string: String, into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: "\""))
        appendEscaped(string, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends arbitrary bytes escaped, without quotes, replacing invalid UTF-8 with U+FFFD.
    static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, into buffer: inout LogBuffer) {
        appendEscaped(utf8: bytes, validating: true, into: &buffer)
    }

    /// Appends arbitrary bytes escaped, without quotes, replacing invalid UTF-8 with U+FFFD.
    static func appendEscaped(bytes: [UInt8], into buffer: inout LogBuffer) {
        bytes.withUnsafeBufferPointer { appendEscaped(utf8: $0, validating: true, into: &buffer) }
    }

    @inline(__always)
    static func appendEscaped(utf8 source: UnsafeBufferPointer<UInt8>, validating: Bool, into buffer: inout LogBuffer) {
        guard let bytes = source.baseAddress else { return }
        let count = source.count
        if isPlain(bytes, count) {
            buffer.append(bytes, count: count)
        } else {
            appendEscaped(bytes, count: count, validating: validating, into: &buffer)
        }
    }

    /// Whether no byte of `bytes[0..<count]` needs escaping or validation (all printable ASCII
    /// other than `"` and `\`): the usual case, tested eight bytes at a time. The last word
    /// overlaps the one before it rather than reading past the end; strings of four to seven bytes
    /// are tested as two overlapping four-byte halves.
    @inlinable @inline(__always)
    static func isPlain(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count >= 8 {
            var index = 0
            while index &+ 8 <= count {
                if SWAR.needsAttention(SWAR.load(bytes, index)) { return false }
                index &+= 8
            }
            return index == count || !SWAR.needsAttention(SWAR.load(bytes, count &- 8))
        }
        if count >= 4 {
            let raw = UnsafeRawPointer(bytes)
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            return !SWAR.needsAttention(low | high << 32)
        }
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F { return false }
            index &+= 1
        }
        return true
    }

    /// Escapes `bytes[0..<count]` when some byte needs attention.
    @inline(never)
    static func appendEscaped(
        _ bytes: UnsafePointer<UInt8>, count: Int, validating: Bool, into buffer: inout LogBuffer
    ) {
        var index = 0
        var runStart = 0
        while index < count {
            // Fast path: skip eight plain ASCII bytes at a time.
            while index &+ 8 <= count {
                if SWAR.needsAttention(SWAR.load(bytes, index)) { break }
                index &+= 8
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte < 0x7F {
                index &+= 1
                continue
            }
            if byte >= 0x80 {
                let length = validating ? sequenceLength(bytes, index, count) : trustedLength(bytes, index, count)
                if length > 0 {
                    if length == 3 && byte == 0xE2 && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
                    {
                        buffer.appendRun(bytes, from: runStart, to: index)
                        appendUnicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, into: &buffer)
                        index &+= 3
                        runStart = index
                    } else {
                        index &+= length
                    }
                } else {
                    buffer.appendRun(bytes, from: runStart, to: index)
                    buffer.append(0xEF)
                    buffer.append(0xBF)
                    buffer.append(0xBD)
                    index &+= -length
                    runStart = index
                }
                continue
            }
            buffer.appendRun(bytes, from: runStart, to: index)
            appendEscape(for: byte, into: &buffer)
            index &+= 1
            runStart = index
        }
        buffer.appendRun(bytes, from: runStart, to: count)
    }

    /// The escape of one ASCII byte that JSON does not allow raw (or that we choose to escape).
    @inline(__always)
    static func appendEscape(for byte: UInt8, into buffer: inout LogBuffer) {
        let short: UInt8
        switch byte {
        case 0x22: short = UInt8(ascii: "\"")
        case 0x5C: short = UInt8(ascii: "\\")
        case 0x08: short = UInt8(ascii: "b")
        case 0x09: short = UInt8(ascii: "t")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0D: short = UInt8(ascii: "r")
        default:
            appendUnicodeEscape(UInt16(byte), into: &buffer)
            return
        }
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(short)
    }

    /// Appends `\uXXXX` with four lower-case hex digits.
    @inline(__always)
    static func appendUnicodeEscape(_ unit: UInt16, into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "u"))
        buffer.append(hexDigit(UInt8(truncatingIfNeeded: unit >> 12)))
        buffer.append(hexDigit(UInt8(truncatingIfNeeded: unit >> 8)))
        buffer.append(hexDigit(UInt8(truncatingIfNeeded: unit >> 4)))
        buffer.append(hexDigit(UInt8(truncatingIfNeeded: unit)))
    }

    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        let n = nibble & 0x0F
        return n < 10 ? 0x30 &+ n : 0x61 &+ n &- 10
    }

    /// For trusted (valid) UTF-8: the length to step over at a non-ASCII byte. Only a lead byte
    /// `E2` may start U+2028/U+2029, so it reports 3 for `E2` and 1 otherwise (continuation bytes
    /// are then stepped over one at a time).
    @inline(__always)
    static func trustedLength(_ bytes: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Int {
        bytes[index] == 0xE2 && index + 2 < count ? 3 : 1
    }

    /// Validates the UTF-8 sequence starting at `index` (a byte `>= 0x80`).
    ///
    /// - Returns: The sequence's length when it is well formed, otherwise minus the length of its
    ///   maximal ill-formed subpart (Unicode §3.9, "U+FFFD substitution of maximal subparts"),
    ///   which is replaced by a single U+FFFD.
    static func sequenceLength(_ bytes: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Int {
        let lead = bytes[index]
        let trailing: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: trailing = 1
        case 0xE0: trailing = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
        case 0xED: trailing = 2; high = 0x9F
        case 0xF0: trailing = 3; low = 0x90
        case 0xF1...0xF3: trailing = 3
        case 0xF4: trailing = 3; high = 0x8F
        default: return -1  // continuation byte, C0/C1 overlong lead, or F5...FF
        }
        var offset = 1
        while offset <= trailing {
            guard index + offset < count else { return -offset }
            let byte = bytes[index + offset]
            if offset == 1 {
                guard byte >= low && byte <= high else { return -1 }
            } else {
                guard byte & 0xC0 == 0x80 else { return -offset }
            }
            offset += 1
        }
        return trailing + 1
    }
}
