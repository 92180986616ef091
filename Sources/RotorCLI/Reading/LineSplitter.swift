import RotorLibc

/// Cuts a stream of chunks into lines, in bounded memory.
///
/// A line that lies within one chunk is handed out in place; one that spans chunks is assembled in
/// a buffer that never grows beyond ``maxLineBytes``. A longer line is not kept: it is reported
/// as oversize, with its number, so memory stays bounded whatever the input.
struct LineSplitter {
    /// The default longest line kept: 16 MiB.
    static let defaultMaxLineBytes = 16 << 20

    /// The longest line kept, in bytes (without the `\n`).
    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var pendingIsOversize = false
    /// The number of lines handed out so far.
    private(set) var lineCount = 0

    init(maxLineBytes: Int = LineSplitter.defaultMaxLineBytes) {
        self.maxLineBytes = maxLineBytes
    }

    /// Whether part of an unterminated line is held.
    var hasPartialLine: Bool { pendingIsOversize || !pending.isEmpty }

    /// Feeds the next chunk; `handle` receives each line completed by it.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ handle: (Line) throws -> Void) rethrows {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < chunk.count {
            guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), chunk.count - start) else {
                append(UnsafeRawBufferPointer(rebasing: chunk[start...]))
                return
            }
            let end = UnsafeRawPointer(found) - base
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            if !hasPartialLine && piece.count <= maxLineBytes {
                lineCount += 1
                try handle(Line(bytes: piece, number: lineCount, isTerminated: true, isOversize: false))
            } else {
                append(piece)
                try emitPending(terminated: true, handle)
            }
            start = end + 1
        }
    }

    /// Hands out an unterminated last line, if any, and resets for the next file.
    mutating func finish(_ handle: (Line) throws -> Void) rethrows {
        if hasPartialLine { try emitPending(terminated: false, handle) }
        lineCount = 0
    }

    /// Drops an unterminated last line and resets for the next file.
    mutating func reset() {
        pending.removeAll(keepingCapacity: true)
        pendingIsOversize = false
        lineCount = 0
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !pendingIsOversize else { return }
        if pending.count + bytes.count > maxLineBytes {
            pendingIsOversize = true
            pending.removeAll(keepingCapacity: false)
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func emitPending(terminated: Bool, _ handle: (Line) throws -> Void) rethrows {
        lineCount += 1
        let number = lineCount
        if pendingIsOversize {
            pendingIsOversize = false
            try handle(
                Line(
                    bytes: UnsafeRawBufferPointer(start: nil, count: 0), number: number, isTerminated: terminated,
                    isOversize: true))
        } else {
            try pending.withUnsafeBytes {
                try handle(Line(bytes: $0, number: number, isTerminated: terminated, isOversize: false))
            }
            pending.removeAll(keepingCapacity: true)
        }
    }
}
