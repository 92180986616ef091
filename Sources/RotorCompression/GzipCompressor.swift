import RotorCore
import RotorLibc
import RotorSystem

/// The built-in ``ArchiveCompressor``: gzip (RFC 1952) through the system zlib.
///
/// Files are streamed in 64 KiB chunks, so memory stays bounded whatever the file size: about
/// 400 KiB per compression (zlib's 256 KiB deflate state and two 64 KiB chunks) at any level. The output is a single gzip member with
/// modification time 0 and no file name in its header; it passes `gzip -t` and decompresses with
/// `gzip -d`, `zcat` or Python's `gzip` module.
///
/// ```swift
/// let gzip = try GzipCompressor(level: 9)
/// try ArchiveCompression.compressArchive(at: "/var/log/app.1.log", using: gzip)   // → app.1.log.gz
/// ```
///
/// Compression blocks the calling thread; run it on a background worker.
public struct GzipCompressor: ArchiveCompressor, Hashable {
    /// The zlib compression level: 0 (store only) through 9 (smallest output, slowest).
    public let level: Int

    /// Creates a gzip compressor at level 6, zlib's and `gzip`'s default trade-off.
    public init() {
        self.level = 6
    }

    /// Creates a gzip compressor at `level`.
    ///
    /// - Parameter level: The zlib compression level, `0...9`.
    /// - Throws: ``CompressionError`` `.invalidConfiguration` with `field` `"level"` when `level`
    ///   is outside `0...9`.
    public init(level: Int) throws {
        guard (0...9).contains(level) else {
            throw CompressionError(
                .invalidConfiguration, "gzip level must be in 0...9, got \(level)", field: "level")
        }
        self.level = level
    }

    /// `".gz"`.
    public var fileSuffix: String { ".gz" }

    /// Streams `source` into a new gzip file `destination` and `fsync`s it.
    ///
    /// `destination` gets the permission bits of `source` and, when the process may (as root),
    /// its owner and group; a failed `fchown` is ignored. On failure `destination` is removed and
    /// `source` is left untouched.
    ///
    /// - Parameters:
    ///   - source: The file to compress; it must be a regular file.
    ///   - destination: The file to create; it must not exist.
    /// - Returns: The bytes read, the bytes written and the time spent.
    ///
    /// #### Errors
    /// ``CompressionError`` with one of these codes (the ``/RotorCore/SystemCallError`` in `cause`):
    /// - `.sourceMissing`: `source` does not exist.
    /// - `.sourceNotRegularFile`: `source` is a directory, FIFO, device…
    /// - `.readFailed`: `open(2)`, `fstat(2)` or `read(2)` of `source` failed.
    /// - `.writeFailed`: `open(2)` with `O_CREAT | O_EXCL` (`EEXIST` if `destination` exists),
    ///   `write(2)` (`ENOSPC`, `EFBIG`, `EIO`), `fchmod(2)`, `fsync(2)` or `close(2)` of
    ///   `destination` failed.
    /// - `.zlibFailed`: zlib returned an unexpected code.
    ///
    /// #### Implementation details
    /// `open(O_RDONLY | O_CLOEXEC)`, `fstat`, `open(O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)`,
    /// then `read` / `deflate` / `write` in 64 KiB chunks, `fchown`, `fchmod`, `fsync`, `close`.
    public func compress(from source: String, to destination: String) throws -> CompressionOutcome {
        let input = try openSource(source)
        defer { POSIX.closeDescriptor(input) }
        let output: Int32
        switch POSIX.createExclusive(destination, permissions: 0o600) {
        case .success(let fd): output = fd
        case .failure(let error):
            throw CompressionError(.writeFailed, "cannot create the compressed file", path: destination, cause: error)
        }
        let outcome: CompressionOutcome
        do {
            outcome = try compress(fromDescriptor: input, toDescriptor: output, paths: (source, destination))
        } catch {
            POSIX.closeDescriptor(output)
            POSIX.removeFile(destination)
            throw error
        }
        if let error = POSIX.closeDescriptor(output) {
            // The descriptor is gone even when close fails (never close twice); distrust the file.
            POSIX.removeFile(destination)
            throw CompressionError(
                .writeFailed, "close(2) of the compressed file failed", path: destination, cause: error)
        }
        return outcome
    }

    /// Whether `path` is a complete gzip file: one or more members, each decompressing to its end
    /// with a valid CRC-32 and ISIZE, and nothing after the last one.
    ///
    /// Empty files, truncated files, corrupted data, a zlib (not gzip) stream and trailing bytes
    /// (including zero padding, which `gzip -t` only warns about) all answer `false`. Several
    /// concatenated members, as `cat a.gz b.gz` makes, are accepted, as `gzip -t` accepts them.
    /// A file that cannot be opened or read also answers `false`.
    ///
    /// #### Implementation details
    /// `open(O_RDONLY | O_CLOEXEC)`, then `read` and `inflate` in 64 KiB chunks; the output is
    /// discarded.
    public func isIntact(_ path: String) -> Bool {
        guard case .success(let fd) = POSIX.openForReading(path) else { return false }
        defer { POSIX.closeDescriptor(fd) }
        return isIntact(descriptor: fd)
    }

    /// Whether `path` is intact (see ``isIntact(_:)``) and decompresses to exactly the bytes of
    /// `original`, compared chunk by chunk in bounded memory.
    public func isIntact(_ path: String, matching original: String) -> Bool {
        guard case .success(let fd) = POSIX.openForReading(path) else { return false }
        defer { POSIX.closeDescriptor(fd) }
        guard case .success(let originalFD) = POSIX.openForReading(original) else { return false }
        defer { POSIX.closeDescriptor(originalFD) }
        return isIntact(descriptor: fd, matching: originalFD)
    }

    /// Opens the source and checks that it is a regular file.
    private func openSource(_ path: String) throws -> Int32 {
        let fd: Int32
        switch POSIX.openForReading(path) {
        case .success(let opened): fd = opened
        case .failure(let error) where error == .noSuchFileOrDirectory:
            throw CompressionError(.sourceMissing, "the file to compress does not exist", path: path, cause: error)
        case .failure(let error):
            throw CompressionError(.readFailed, "cannot open the file to compress", path: path, cause: error)
        }
        switch POSIX.status(of: fd) {
        case .success(let info) where POSIX.isRegularFile(info):
            return fd
        case .success:
            POSIX.closeDescriptor(fd)
            throw CompressionError(.sourceNotRegularFile, "the file to compress is not a regular file", path: path)
        case .failure(let error):
            POSIX.closeDescriptor(fd)
            throw CompressionError(.readFailed, "fstat(2) of the file to compress failed", path: path, cause: error)
        }
    }
}
