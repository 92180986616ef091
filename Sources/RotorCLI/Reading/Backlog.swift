/// The last lines of a log, across its archives, for `tail -n`.
///
/// The active file and plain archives are read backwards from their end in 64 KiB blocks, just far
/// enough to find the lines wanted; a `.gz` archive is streamed through a ring of that many lines.
/// Archives are visited newest first, and only until enough lines are found.
enum Backlog {
    /// Collects the last `count` lines.
    ///
    /// - Parameters:
    ///   - snapshot: The consistent listing and active descriptor.
    ///   - count: How many lines.
    ///   - activeEnd: Where the active file's part ends (its size, or the end of its last complete
    ///     line when following).
    ///   - maxLineBytes: The longest line kept.
    /// - Returns: The lines, oldest first.
    static func lastLines(
        of snapshot: LogSnapshot, activePath: String, count: Int, activeEnd: Int64, maxLineBytes: Int
    ) throws -> [LineRing.Entry] {
        guard count > 0 else { return [] }
        var parts: [[LineRing.Entry]] = []
        var found = 0
        if let fd = snapshot.activeDescriptor {
            let lines = try lastLines(
                ofDescriptor: fd, path: activePath, end: activeEnd, count: count, maxLineBytes: maxLineBytes)
            found += lines.count
            parts.append(lines)
        }
        for generation in snapshot.directory.generations.reversed() where found < count {
            let lines = try lastLines(
                of: LogSource(generation, of: snapshot.directory.location), count: count - found,
                maxLineBytes: maxLineBytes)
            found += lines.count
            parts.append(lines)
        }
        return parts.reversed().flatMap { $0 }
    }

    /// The last `count` lines of one archive (plain preferred, `.gz` as a fallback).
    private static func lastLines(of source: LogSource, count: Int, maxLineBytes: Int) throws -> [LineRing.Entry] {
        for file in source.files {
            if file.isCompressed {
                var ring = LineRing(capacity: count)
                var splitter = LineSplitter(maxLineBytes: maxLineBytes)
                let single = LogSource(files: [file])
                switch try single.read({ chunk in splitter.feed(chunk) { ring.append($0, of: file.path) } }) {
                case .complete:
                    splitter.finish { ring.append($0, of: file.path) }
                    return ring.ordered
                case .missing:
                    continue
                case .damaged(let path, let reason):
                    StandardError.report("warning: \(path): \(reason)")
                    return ring.ordered
                }
            }
            guard case .success(let fd) = FileSystem.openForReading(file.path) else { continue }
            defer { FileSystem.close(fd) }
            let size = (try? FileSystem.info(of: fd).get())?.size ?? 0
            return try lastLines(ofDescriptor: fd, path: file.path, end: size, count: count, maxLineBytes: maxLineBytes)
        }
        return []
    }

    /// The last `count` lines of the bytes `[0, end)` of an open plain file.
    static func lastLines(
        ofDescriptor fd: Int32, path: String, end: Int64, count: Int, maxLineBytes: Int
    ) throws -> [LineRing.Entry] {
        let start = try startOfLastLines(fd, path: path, end: end, count: count)
        var ring = LineRing(capacity: count)
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        try forEachChunk(fd, path: path, from: start, to: end) { chunk in
            splitter.feed(chunk) { ring.append($0, of: path) }
        }
        splitter.finish { ring.append($0, of: path) }
        return ring.ordered
    }

    /// The offset where the last `count` lines of `[0, end)` begin, found by reading backwards.
    static func startOfLastLines(_ fd: Int32, path: String, end: Int64, count: Int) throws -> Int64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: LogSource.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var position = end
        var newlines = 0
        var skipFinalNewline = true  // the terminator of the last line does not start another one
        while position > 0 {
            let length = Int(min(Int64(buffer.count), position))
            position -= Int64(length)
            let window = UnsafeMutableRawBufferPointer(rebasing: buffer[..<length])
            guard case .success(let read) = FileSystem.read(fd, into: window, at: position), read == length else {
                throw CLIError.failure("\(path): read failed")
            }
            var index = length - 1
            while index >= 0 {
                if window[index] == UInt8(ascii: "\n") {
                    if skipFinalNewline && position + Int64(index) == end - 1 {
                        // the last line's own terminator
                    } else {
                        newlines += 1
                        if newlines == count { return position + Int64(index) + 1 }
                    }
                }
                skipFinalNewline = false
                index -= 1
            }
        }
        return 0
    }

    /// The offset just after the last `\n` in `[0, end)`, 0 if there is none.
    static func endOfLastCompleteLine(_ fd: Int32, path: String, end: Int64) throws -> Int64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: LogSource.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var position = end
        while position > 0 {
            let length = Int(min(Int64(buffer.count), position))
            position -= Int64(length)
            let window = UnsafeMutableRawBufferPointer(rebasing: buffer[..<length])
            guard case .success(let read) = FileSystem.read(fd, into: window, at: position), read == length else {
                throw CLIError.failure("\(path): read failed")
            }
            if let index = window.lastIndex(of: UInt8(ascii: "\n")) { return position + Int64(index) + 1 }
        }
        return 0
    }

    /// Reads `[from, to)` of an open file with `pread`.
    private static func forEachChunk(
        _ fd: Int32, path: String, from start: Int64, to end: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: LogSource.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var position = start
        while position < end {
            let length = Int(min(Int64(buffer.count), end - position))
            let window = UnsafeMutableRawBufferPointer(rebasing: buffer[..<length])
            guard case .success(let read) = FileSystem.read(fd, into: window, at: position), read > 0 else {
                throw CLIError.failure("\(path): read failed")
            }
            try body(UnsafeRawBufferPointer(rebasing: window[..<read]))
            position += Int64(read)
        }
    }
}
