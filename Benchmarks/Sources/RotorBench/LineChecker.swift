#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the bytes of the log files, in order, and checks their lines: in counting mode only that
/// every line ends with `\n`; in parsing mode also that each carries a `thread` and a `user_id`,
/// and that each thread's `user_id`s arrive exactly once, in order.
struct LineChecker {
    /// How the two fields are found in a line.
    struct Keys {
        var thread: [UInt8]
        var sequence: [UInt8]

        /// JSON lines: `"thread":1` (direct API) or `"thread":"1"` (swift-log metadata).
        static let json = Keys(thread: Array(#""thread":"#.utf8), sequence: Array(#""user_id":"#.utf8))
        /// Text lines: `thread=1`.
        static let text = Keys(thread: Array("thread=".utf8), sequence: Array("user_id=".utf8))
    }

    let keys: Keys
    let parsesLines: Bool
    /// The next expected sequence number of each thread.
    private(set) var next: [Int]
    private(set) var lines = 0
    private(set) var bytes = 0
    /// Lines without both fields, with an unknown thread, or cut off at the end of a file.
    private(set) var malformed = 0
    /// Lines whose sequence number is not above the thread's previous one (duplicates, reordering).
    private(set) var outOfOrder = 0
    /// Sequence numbers skipped over (records missing from the middle).
    private(set) var skipped = 0
    private var carry: [UInt8] = []

    init(keys: Keys, threads: Int, parsesLines: Bool) {
        self.keys = keys
        self.parsesLines = parsesLines
        self.next = Array(repeating: 0, count: threads)
    }

    /// Takes the next bytes of the current file.
    mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        bytes += chunk.count
        var start = 0
        while start < chunk.count {
            guard let newline = memchr(base + start, 0x0A, chunk.count - start) else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: chunk.count - start))
                return
            }
            let end = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base
            if carry.isEmpty {
                line(UnsafeBufferPointer(start: base + start, count: end - start))
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
                let whole = carry
                carry.removeAll(keepingCapacity: true)
                whole.withUnsafeBufferPointer { line($0) }
            }
            start = end + 1
        }
    }

    /// Marks the end of a file: a line must not continue into the next file.
    mutating func endOfFile() {
        if !carry.isEmpty {
            malformed += 1
            carry.removeAll(keepingCapacity: true)
        }
    }

    private mutating func line(_ bytes: UnsafeBufferPointer<UInt8>) {
        lines += 1
        guard parsesLines else { return }
        guard let thread = Self.number(after: keys.thread, in: bytes),
            let sequence = Self.number(after: keys.sequence, in: bytes),
            thread < next.count
        else {
            malformed += 1
            return
        }
        let expected = next[thread]
        if sequence == expected {
            next[thread] = expected + 1
        } else if sequence > expected {
            skipped += sequence - expected
            next[thread] = sequence + 1
        } else {
            outOfOrder += 1
        }
    }

    /// The non-negative decimal number just after the first `key` in `line` (skipping one `"`).
    private static func number(after key: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.count >= key.count, let first = key.first else { return nil }
        var index = 0
        let last = line.count - key.count
        search: while index <= last {
            if line[index] == first {
                for offset in 1..<key.count where line[index + offset] != key[offset] {
                    index += 1
                    continue search
                }
                var position = index + key.count
                if position < line.count, line[position] == UInt8(ascii: "\"") { position += 1 }
                var value = 0
                var digits = 0
                while position < line.count, line[position] >= UInt8(ascii: "0"), line[position] <= UInt8(ascii: "9") {
                    value = value &* 10 &+ Int(line[position] - UInt8(ascii: "0"))
                    digits += 1
                    position += 1
                }
                return digits > 0 && digits < 19 ? value : nil
            }
            index += 1
        }
        return nil
    }
}
