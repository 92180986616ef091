import RotorCore

/// The crash-safe protocol around an ``ArchiveCompressor``, for one archive file.
///
/// ``compressArchive(at:using:syncDirectory:)`` turns `app.1.log` into `app.1.log.gz` so that a
/// crash or power loss at any point leaves either the source or a complete, verified compressed
/// file — never only a partial one:
///
/// 1. remove a stale `app.1.log.gz.tmp` that an interrupted run left behind;
/// 2. if `app.1.log.gz` exists: when it is intact and decompresses to the source's bytes, a
///    previous run finished compressing but died before removing the source, so skip to step 6;
///    when it is empty, truncated or corrupt it is never trusted: remove it;
/// 3. compress `app.1.log` into `app.1.log.gz.tmp` (created with `O_EXCL`) and `fsync` it;
/// 4. `rename(2)` it to `app.1.log.gz`;
/// 5. `fsync(2)` the directory, so the new name survives power loss;
/// 6. `unlink(2)` the source.
///
/// On any failure the temporary file is removed, the source is left byte-identical and a
/// ``CompressionError`` says which step failed, with the ``Errno``. Calling again later (for
/// example after the disk has freed up) resumes from whatever state the failure or a crash left,
/// which also makes it the recovery step at start-up: call it for every uncompressed archive, and
/// remove stale temporary files of archives whose source is gone with
/// ``removeStaleTemporary(forArchiveAt:using:)``.
///
/// The caller counts failures and decides when to retry; this type keeps no state. The work
/// blocks the calling thread: run it on a background worker, never on a thread that writes log
/// records.
public enum ArchiveCompression {
    /// The name of the compressed archive: `path` + the compressor's suffix, e.g. `app.1.log.gz`.
    public static func compressedPath(forArchiveAt path: String, using compressor: any ArchiveCompressor) -> String {
        path + compressor.fileSuffix
    }

    /// The name of the file being written before it is renamed: e.g. `app.1.log.gz.tmp`. Retention
    /// must not count it as an archive.
    public static func temporaryPath(forArchiveAt path: String, using compressor: any ArchiveCompressor) -> String {
        compressedPath(forArchiveAt: path, using: compressor) + ".tmp"
    }

    /// Compresses the archive at `path` into `path` + ``ArchiveCompressor/fileSuffix`` through a
    /// temporary file, then removes `path`.
    ///
    /// See ``ArchiveCompression`` for the steps. When an intact compressed file that matches the
    /// source already exists, only the source is removed and the outcome describes the sizes of
    /// the two files and the time spent verifying.
    ///
    /// - Parameters:
    ///   - path: The uncompressed archive; it is removed on success.
    ///   - compressor: The compressor, for example ``GzipCompressor``.
    ///   - syncDirectory: Whether to `fsync(2)` the directory after the rename (default `true`).
    ///     Turning it off trades durability across power loss for speed (tests).
    /// - Returns: The sizes and the time spent.
    ///
    /// #### Errors
    /// ``CompressionError`` with the ``Errno`` in `cause` and the file in `path`:
    /// - `.invalidConfiguration` (`field` `"fileSuffix"`): the compressor's suffix is empty or
    ///   contains `/`.
    /// - `.sourceMissing`: `path` does not exist (a stale temporary file is still removed). After
    ///   a run that completed, this is what a second call reports; nothing is changed.
    /// - `.sourceNotRegularFile`: `path` is not a regular file.
    /// - `.removeFailed`: `unlink(2)` of the stale temporary file, of a broken compressed file
    ///   or, at the very end, of the source failed. In the last case the compressed file is
    ///   final and intact, and the next call only removes the source.
    /// - `.destinationExists`: the compressed name is taken by an intact file whose content differs
    ///   from the source; both are left alone.
    /// - `.readFailed`, `.writeFailed` (`ENOSPC`…), `.zlibFailed`: from the compressor.
    /// - `.compressorFailed`: a custom compressor threw another error type (it is the `cause`).
    /// - `.renameFailed`: `rename(2)` of the temporary file failed.
    /// - `.syncFailed`: `fsync(2)` of the directory (or of a reused compressed file) failed; the
    ///   source is kept, so the next call finishes the job.
    ///
    /// #### Implementation details
    /// `unlink` (stale temp), `lstat`, the compressor (`open`, `read`, `write`, `fsync`),
    /// `rename`, `open(O_DIRECTORY)` + `fsync`, `unlink` (source).
    public static func compressArchive(
        at path: String,
        using compressor: any ArchiveCompressor,
        syncDirectory: Bool = true
    ) throws -> CompressionOutcome {
        let suffix = compressor.fileSuffix
        guard !suffix.isEmpty, !suffix.contains("/") else {
            throw CompressionError(
                .invalidConfiguration, "a compressor's file suffix must be non-empty and contain no '/', got \"\(suffix)\"",
                field: "fileSuffix")
        }
        let final = compressedPath(forArchiveAt: path, using: compressor)
        let temporary = temporaryPath(forArchiveAt: path, using: compressor)
        let directory = POSIX.directory(of: path)

        _ = try removeStaleTemporary(forArchiveAt: path, using: compressor)
        try checkSource(path)

        if case .success = POSIX.linkStatus(ofPath: final) {
            let start = ContinuousClock.now
            if compressor.isIntact(final) {
                guard compressor.isIntact(final, matching: path) else {
                    throw CompressionError(
                        .destinationExists, "an intact compressed file with different content has the archive's compressed name",
                        path: final)
                }
                // A previous run renamed the temporary file but died before removing the source.
                if let error = POSIX.syncFile(atPath: final) {
                    throw CompressionError(.syncFailed, "fsync(2) of the existing compressed file failed", path: final, cause: error)
                }
                try sync(directory, if: syncDirectory)
                let inputBytes = size(of: path)
                try removeSource(path)
                return CompressionOutcome(
                    inputBytes: inputBytes, outputBytes: size(of: final), duration: start.duration(to: .now))
            }
            // Empty, truncated or corrupt: never trusted. The source is still here to compress again.
            if let error = POSIX.removeFileIfPresent(final) {
                throw CompressionError(.removeFailed, "cannot remove a broken compressed file", path: final, cause: error)
            }
        }

        let outcome: CompressionOutcome
        do {
            outcome = try compressor.compress(from: path, to: temporary)
        } catch let error as CompressionError {
            POSIX.removeFileIfPresent(temporary)
            throw error
        } catch {
            POSIX.removeFileIfPresent(temporary)
            throw CompressionError(.compressorFailed, "the compressor failed: \(error)", path: path, cause: error)
        }
        if let error = POSIX.renameReplacing(temporary, final) {
            POSIX.removeFileIfPresent(temporary)
            throw CompressionError(.renameFailed, "cannot rename the compressed file to \(final)", path: temporary, cause: error)
        }
        try sync(directory, if: syncDirectory)
        try removeSource(path)
        return outcome
    }

    /// Removes `<path><suffix>.tmp` if it exists: the leftover of a compression that was
    /// interrupted before its rename, never a complete archive.
    ///
    /// ``compressArchive(at:using:syncDirectory:)`` does this itself; call this at start-up for
    /// temporary files whose source archive is gone.
    ///
    /// - Returns: `true` if a file was removed.
    ///
    /// #### Errors
    /// ``CompressionError`` `.removeFailed` with the ``Errno`` of `unlink(2)` (for example
    /// `EISDIR` when a directory has that name).
    @discardableResult
    public static func removeStaleTemporary(forArchiveAt path: String, using compressor: any ArchiveCompressor) throws -> Bool {
        let temporary = temporaryPath(forArchiveAt: path, using: compressor)
        guard let error = POSIX.removeFile(temporary) else { return true }
        if error == .noSuchFileOrDirectory { return false }
        throw CompressionError(.removeFailed, "cannot remove a stale temporary file", path: temporary, cause: error)
    }

    private static func checkSource(_ path: String) throws {
        switch POSIX.linkStatus(ofPath: path) {
        case .success(let info) where POSIX.isRegularFile(info):
            return
        case .success:
            throw CompressionError(.sourceNotRegularFile, "the archive to compress is not a regular file", path: path)
        case .failure(let error) where error == .noSuchFileOrDirectory:
            throw CompressionError(.sourceMissing, "the archive to compress does not exist", path: path, cause: error)
        case .failure(let error):
            throw CompressionError(.readFailed, "lstat(2) of the archive to compress failed", path: path, cause: error)
        }
    }

    private static func sync(_ directory: String, if enabled: Bool) throws {
        guard enabled, let error = POSIX.syncDirectory(directory) else { return }
        throw CompressionError(.syncFailed, "fsync(2) of the directory failed", path: directory, cause: error)
    }

    private static func removeSource(_ path: String) throws {
        if let error = POSIX.removeFile(path) {
            throw CompressionError(.removeFailed, "cannot remove the compressed archive's source", path: path, cause: error)
        }
    }

    /// The size of a file, 0 if it cannot be read (only used for reporting).
    private static func size(of path: String) -> Int64 {
        guard case .success(let info) = POSIX.linkStatus(ofPath: path) else { return 0 }
        return POSIX.size(info)
    }
}
