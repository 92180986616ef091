#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Splits file contents into lines at `\n`; bytes after the last `\n` form an unterminated line.
enum LineSplitter {
    struct Line {
        /// The line's bytes without the `\n`, as offsets into the contents.
        var range: Range<Int>
        /// Whether a `\n` ended the line.
        var isTerminated: Bool
    }

    static func lines(of bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        guard let base = bytes.baseAddress else { return [] }
        var lines: [Line] = []
        var start = 0
        while start < bytes.count {
            if let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                lines.append(Line(range: start..<newline, isTerminated: true))
                start = newline + 1
            } else {
                lines.append(Line(range: start..<bytes.count, isTerminated: false))
                start = bytes.count
            }
        }
        return lines
    }
}
