import RotorCore
import RotorLibc
import RotorSystem

/// The descriptor-based forms of ``GzipCompressor``'s work, for callers that opened the files
/// themselves (relative to a directory descriptor, never through a symbolic link), so that no path
/// is looked up again while the work runs.
extension GzipCompressor {
    /// Streams the open regular file `source`, from its start, into the new empty file open as
    /// `destination`, gives `destination` the source's permission bits (and owner, when the process
    /// may) and `fsync`s it.
    ///
    /// Neither descriptor is closed; on failure `destination` holds a partial file that the caller
    /// removes.
    ///
    /// - Parameters:
    ///   - source: A descriptor open for reading on a regular file.
    ///   - destination: A descriptor open for writing on a new, empty file.
    ///   - paths: The files' names, for the errors.
    /// - Returns: The bytes read, the bytes written and the time spent.
    ///
    /// #### Errors
    /// ``CompressionError`` with the ``SystemCallError`` in `cause`: `.readFailed` (`lseek`, `fstat` or
    /// `read` of `source`), `.sourceNotRegularFile`, `.writeFailed` (`write`, `fchmod` or `fsync`
    /// of `destination`), `.zlibFailed`.
    ///
    /// #### Implementation details
    /// `fstat`, `lseek(0)`, then `read` / `deflate` / `write` in 64 KiB chunks, `fchown`, `fchmod`,
    /// `fsync`.
    package func compress(
        fromDescriptor source: Int32, toDescriptor destination: Int32, paths: (source: String, destination: String)
    ) throws -> CompressionOutcome {
        let start = ContinuousClock.now
        let info: stat
        switch POSIX.status(of: source) {
        case .success(let found) where POSIX.isRegularFile(found): info = found
        case .success:
            throw CompressionError(
                .sourceNotRegularFile, "the file to compress is not a regular file", path: paths.source)
        case .failure(let error):
            throw CompressionError(
                .readFailed, "fstat(2) of the file to compress failed", path: paths.source, cause: error)
        }
        if let error = POSIX.rewind(source) {
            throw CompressionError(
                .readFailed, "lseek(2) of the file to compress failed", path: paths.source, cause: error)
        }
        let deflater = try GzipDeflater.make(level: Int32(level))
        let sizes = try deflater.compress(from: source, to: destination, paths: paths)
        try finish(destination, path: paths.destination, like: info)
        return CompressionOutcome(
            inputBytes: sizes.input, outputBytes: sizes.output, duration: start.duration(to: .now))
    }

    /// Whether the open file `descriptor` is a complete gzip file (see ``isIntact(_:)``), read from
    /// its start.
    ///
    /// #### Implementation details
    /// `lseek(0)`, then `read` and `inflate` in 64 KiB chunks; the offset is left where reading
    /// stopped.
    package func isIntact(descriptor: Int32) -> Bool {
        guard POSIX.rewind(descriptor) == nil, let inflater = GzipInflater.make() else { return false }
        return inflater.decompressAll(from: descriptor) { _ in true }
    }

    /// Whether the open file `descriptor` is intact and decompresses to exactly the bytes of the
    /// open file `original`, both read from their start and compared chunk by chunk in bounded
    /// memory.
    package func isIntact(descriptor: Int32, matching original: Int32) -> Bool {
        guard POSIX.rewind(descriptor) == nil, POSIX.rewind(original) == nil,
            let inflater = GzipInflater.make()
        else { return false }
        let comparer = ContentComparer(fd: original)
        return inflater.decompressAll(from: descriptor) { comparer.matches($0) } && comparer.isAtEnd()
    }

    /// Gives the compressed file the source's owner (best effort) and permission bits, and syncs it.
    private func finish(_ fd: Int32, path: String, like source: stat) throws {
        // Only root (or the owner, for its own groups) may chown: otherwise keep the creator's ownership.
        _ = fchown(fd, source.st_uid, source.st_gid)
        if fchmod(fd, source.st_mode & 0o777) != 0 {
            throw CompressionError(
                .writeFailed, "fchmod(2) of the compressed file failed", path: path, cause: SystemCallError.current)
        }
        if let error = POSIX.syncFile(fd) {
            throw CompressionError(.writeFailed, "fsync(2) of the compressed file failed", path: path, cause: error)
        }
    }
}
