import RotorCore
import RotorLibc
import RotorSystem

/// Streams the decompressed content of a gzip file, chunk by chunk, in bounded memory.
///
/// Reading tools (the `rotor` command's `cat`, `tail` and `verify`) use it to read compressed
/// archives without holding them in memory: the file is read and inflated in 64 KiB chunks, and
/// each chunk of output is handed to a closure, whatever the file's size.
///
/// ```swift
/// var lines = 0
/// try GzipReader(path: "logs/app.2026-11-21T14-30-22.123Z.001.log.gz").forEachChunk { chunk in
///     lines += chunk.lazy.filter { $0 == UInt8(ascii: "\n") }.count
/// }
/// ```
///
/// The same rules as ``GzipCompressor/isIntact(_:)`` apply: several concatenated members are read
/// one after the other, and the file must end exactly where its last member ends. Chunks already
/// handed over before a problem is found stay delivered, so a caller can use the readable prefix
/// of a damaged archive and still learn that it is damaged.
public struct GzipReader: Sendable, Hashable {
    /// The gzip file to read.
    public let path: String

    /// Creates a reader for one file; nothing is opened until ``forEachChunk(_:)``.
    ///
    /// - Parameter path: The gzip file.
    public init(path: String) {
        self.path = path
    }

    /// Decompresses the whole file, handing each chunk of output to `body` in order.
    ///
    /// The buffer passed to `body` is only valid during the call. To stop early, throw from
    /// `body`: the error is rethrown as is and the file is closed.
    ///
    /// - Parameter body: Receives each chunk of decompressed bytes (never empty).
    /// - Returns: The number of decompressed bytes handed to `body`.
    ///
    /// #### Errors
    /// ``CompressionError`` with the file in `path`:
    /// - `.sourceMissing`: `open(2)` answered `ENOENT` (the ``/RotorCore/SystemCallError`` is the `cause`).
    /// - `.readFailed`: `open(2)` failed otherwise (the ``/RotorCore/SystemCallError`` is the `cause`).
    /// - `.corruptData`: the data is not a complete gzip file: a bad header, corrupt deflate data, a
    ///   CRC-32 or ISIZE mismatch, a truncated member, bytes after the last member, an empty file,
    ///   or a `read(2)` failure part-way. The message gives how many bytes were delivered.
    /// - `.zlibFailed`: zlib could not allocate its state.
    /// - Any error `body` throws.
    ///
    /// #### Implementation details
    /// `open(O_RDONLY | O_CLOEXEC)`, then `read` and `inflate` in 64 KiB chunks, `close`.
    @discardableResult
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        let fd: Int32
        switch POSIX.openForReading(path) {
        case .success(let opened): fd = opened
        case .failure(let error) where error == .noSuchFileOrDirectory:
            throw CompressionError(.sourceMissing, "the gzip file does not exist", path: path, cause: error)
        case .failure(let error):
            throw CompressionError(.readFailed, "cannot open the gzip file", path: path, cause: error)
        }
        defer { POSIX.closeDescriptor(fd) }
        guard let inflater = GzipInflater.make() else {
            throw CompressionError(.zlibFailed, "inflateInit2 failed (out of memory)", path: path)
        }
        var delivered: Int64 = 0
        var thrown: (any Error)?
        let complete = inflater.decompressAll(from: fd) { chunk in
            do {
                try body(chunk)
                delivered += Int64(chunk.count)
                return true
            } catch {
                thrown = error
                return false
            }
        }
        if let thrown { throw thrown }
        guard complete else {
            throw CompressionError(
                .corruptData,
                "the gzip data is corrupt, truncated or unreadable after \(delivered) decompressed bytes",
                path: path)
        }
        return delivered
    }
}
