import RotorCore

/// Escapes a value interpolated by ``TextFormatter`` so that a record always stays on one
/// physical line and never carries terminal control sequences.
///
/// Escaped, in Swift string-literal style: line feed → `\n`, carriage return → `\r`, tab → `\t`;
/// every other C0 control (U+0000–U+001F, including ESC), DEL U+007F, the C1 controls
/// U+0080–U+009F (including NEL U+0085 and CSI U+009B) and the line/paragraph separators
/// U+2028/U+2029 → `\u{…}` with upper-case hex and no padding, for example ESC → `\u{1B}`.
/// Backslashes and quotes are not escaped: the output is for people, and the guarantee is one line
/// per record, not reversibility.
enum TextEscaper {
    /// Appends the escaped UTF-8 bytes of `text` (a `String`, or captured text).
    @inline(__always)
    static func appendEscaped<Text: RecordText>(_ text: Text, into buffer: inout LogBuffer) {
        text.withUTF8Buffer { appendEscaped(utf8: $0, into: &buffer) }
    }

    /// Appends the escaped bytes of a string literal (valid UTF-8). Only the test for a literal
    /// that needs nothing (copied in one piece) is inlined.
    @inline(__always)
    static func appendEscaped(_ literal: StaticString, into buffer: inout LogBuffer) {
        if literal.hasPointerRepresentation && isPlain(literal.utf8Start, literal.utf8CodeUnitCount) {
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
                utf8: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount), into: &buffer)
        } else {
            literal.withUTF8Buffer { appendEscaped(utf8: $0, into: &buffer) }
        }
    }

    /// Appends escaped valid UTF-8: in one copy when no byte needs escaping (the usual case).
    @inline(__always)
    static func appendEscaped(utf8 source: UnsafeBufferPointer<UInt8>, into buffer: inout LogBuffer) {
        guard let bytes = source.baseAddress else { return }
        if isPlain(bytes, source.count) {
            buffer.append(bytes, count: source.count)
        } else {
            appendEscaped(bytes, count: source.count, into: &buffer)
        }
    }

    /// Whether every byte of `bytes[0..<count]` is printable ASCII (`0x20...0x7E`), tested
    /// eight bytes at a time like ``JSONEscaper/isPlain(_:_:)``: the last word overlaps the one
    /// before it, and four to seven bytes are tested as two overlapping halves.
    @inline(__always)
    static func isPlain(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count >= 8 {
            var index = 0
            while index &+ 8 <= count {
                if needsEscape(SWAR.load(bytes, index)) { return false }
                index &+= 8
            }
            return index == count || !needsEscape(SWAR.load(bytes, count &- 8))
        }
        if count >= 4 {
            let raw = UnsafeRawPointer(bytes)
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            return !needsEscape(low | high << 32)
        }
        var index = 0
        while index < count {
            if bytes[index] < 0x20 || bytes[index] >= 0x7F { return false }
            index &+= 1
        }
        return true
    }

    /// Whether some byte of `word` is a C0 control, DEL or part of a multi-byte sequence.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        (SWAR.hasLess(word, 0x20) | SWAR.hasByte(word, 0x7F) | (word & SWAR.highs)) != 0
    }

    /// Escapes `bytes[0..<count]` when some byte needs attention.
    @inline(never)
    static func appendEscaped(_ bytes: UnsafePointer<UInt8>, count: Int, into buffer: inout LogBuffer) {
        var index = 0
        var runStart = 0
        while index < count {
            while index &+ 8 <= count {
                let word = SWAR.load(bytes, index)
                let attention = SWAR.hasLess(word, 0x20) | SWAR.hasByte(word, 0x7F) | (word & SWAR.highs)
                if attention != 0 { break }
                index &+= 8
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F {
                index &+= 1
                continue
            }
            var scalar: UInt32
            var length = 1
            if byte < 0x80 {
                scalar = UInt32(byte)
            } else if byte == 0xC2 && index + 1 < count && bytes[index + 1] < 0xA0 {
                scalar = UInt32(bytes[index + 1])  // C2 80...C2 9F: U+0080...U+009F
                length = 2
            } else if byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
            {
                scalar = bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029
                length = 3
            } else {
                index &+= 1
                continue
            }
            buffer.appendRun(bytes, from: runStart, to: index)
            switch scalar {
            case 0x0A:
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "n"))
            case 0x0D:
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "r"))
            case 0x09:
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "t"))
            default:
                appendScalarEscape(scalar, into: &buffer)
            }
            index &+= length
            runStart = index
        }
        buffer.appendRun(bytes, from: runStart, to: count)
    }

    /// Appends `\u{X…}` with upper-case hex digits and no leading zeros.
    static func appendScalarEscape(_ scalar: UInt32, into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "u"))
        buffer.append(UInt8(ascii: "{"))
        var shift = 28
        while shift > 0 && (scalar >> UInt32(shift)) == 0 { shift -= 4 }
        while shift >= 0 {
            let nibble = UInt8(truncatingIfNeeded: scalar >> UInt32(shift)) & 0x0F
            buffer.append(nibble < 10 ? 0x30 &+ nibble : 0x41 &+ nibble &- 10)
            shift -= 4
        }
        buffer.append(UInt8(ascii: "}"))
    }

}
