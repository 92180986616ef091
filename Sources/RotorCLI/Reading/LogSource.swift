import RotorCompression
import RotorCore
import RotorRotation

/// One part of a log's stream, an archive generation or the active file, with the files it may
/// be read from in order of preference.
struct LogSource {
    /// One file a source may be read from.
    struct File {
        var path: String
        var isCompressed: Bool
    }

    /// How reading a source ended.
    enum Outcome {
        /// The file at `path` was read to its end.
        case complete(path: String)
        /// None of the files exists any more (deleted by retention meanwhile, say).
        case missing
        /// The `.gz` at `path` is damaged; what could be decompressed before the damage was read.
        case damaged(path: String, reason: String)
    }

    /// The candidates, the preferred first; the next one is tried only when one does not exist.
    var files: [File]

    /// A source read from the given files, the preferred first.
    init(files: [File]) {
        self.files = files
    }

    /// The source for a generation: its plain file, else its `.gz`.
    ///
    /// Paths are built from the generation's ID by the library's naming. When only the plain file
    /// was listed, its `.gz` name is tried too: the sink may finish
    /// compressing it (and remove it) between the listing and the read.
    init(_ generation: LogDirectory.Generation, of location: LogLocation) {
        var files = generation.readOrder.map {
            File(path: location.archivePath(generation.id, $0.state), isCompressed: $0.state == .compressed)
        }
        if generation.plain != nil, generation.compressed == nil {
            files.append(File(path: location.archivePath(generation.id, .compressed), isCompressed: true))
        }
        self.files = files
    }

    /// The source for the active file.
    init(activePath: String) {
        files = [File(path: activePath, isCompressed: false)]
    }

    /// The size of the chunks read from plain files: 64 KiB.
    static let chunkSize = 64 * 1024

    /// Streams the source's content, chunk by chunk, in bounded memory.
    ///
    /// - Parameters:
    ///   - willRead: Called with the path of each file before it is read (a fallback may follow).
    ///   - body: Receives the content.
    /// - Throws: ``CLIError`` `.failure` when a file exists but cannot be opened or read; any
    ///   error `body` throws.
    func read(willRead: (String) -> Void = { _ in }, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Outcome
    {
        for file in files {
            willRead(file.path)
            if file.isCompressed {
                do {
                    try GzipReader(path: file.path).forEachChunk(body)
                    return .complete(path: file.path)
                } catch let error as CompressionError where error.code == .sourceMissing {
                    continue
                } catch let error as CompressionError where error.code == .corruptData {
                    return .damaged(path: file.path, reason: error.message)
                } catch let error as CompressionError {
                    throw CLIError.failure("\(file.path): \(error.message)\(error.cause.map { ": \($0)" } ?? "")")
                }
            }
            let fd: Int32
            switch FileSystem.openForReading(file.path) {
            case .success(let opened): fd = opened
            case .failure(let error) where error == .noSuchFileOrDirectory: continue
            case .failure(let error): throw CLIError.failure("\(file.path): cannot open: \(error)")
            }
            defer { FileSystem.close(fd) }
            try Self.readToEnd(fd, path: file.path, body)
            return .complete(path: file.path)
        }
        return .missing
    }

    /// Reads an open plain file from its current offset to its end.
    ///
    /// - Returns: The number of bytes read.
    @discardableResult
    static func readToEnd(_ fd: Int32, path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            switch FileSystem.read(fd, into: buffer) {
            case .success(0):
                return total
            case .success(let count):
                total += Int64(count)
                try body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            case .failure(let error):
                throw CLIError.failure("\(path): read failed: \(error)")
            }
        }
    }
}
