import RotorCore
import RotorSystem

/// The crash-safe protocol around an ``ArchiveCompressor``, for one archive file.
///
/// ``compressArchive(at:using:syncDirectory:)`` turns `app.1.log` into `app.1.log.gz` so that a
/// crash or power loss at any point leaves either the source or a complete, verified compressed
/// file — never only a partial one — and so that it never reads, replaces or deletes a file it did
/// not produce:
///
/// 1. remove a stale `app.1.log.gz.tmp` that an interrupted run left behind, if it is a regular
///    file (anything else with that name, a symbolic link included, is left alone and reported);
/// 2. open `app.1.log` without following a symbolic link, and check on the open descriptor that
///    it is a regular file;
/// 3. if `app.1.log.gz` exists: when it is a regular file, intact, and decompresses to exactly the
///    source's bytes, a previous run finished compressing but died before removing the source, so
///    skip to step 7. In every other case (a symbolic link, a file that is not gzip, an empty,
///    truncated or corrupt gzip, an intact gzip of other content) it was not made by this
///    protocol, which only ever creates that name by renaming a complete, synced temporary file:
///    it is left alone, the source is kept, and `.destinationExists` names it;
/// 4. compress into `app.1.log.gz.tmp`, created with `O_CREAT | O_EXCL` (which never follows a
///    link), and `fsync` it;
/// 5. rename it to `app.1.log.gz` without replacing anything that appeared meanwhile
///    (`renameat2(RENAME_NOREPLACE)`);
/// 6. `fsync(2)` the directory, so the new name survives power loss;
/// 7. `unlink(2)` the source, only if its name still leads to the file that was compressed.
///
/// Every step is relative to the directory's descriptor, opened once, and takes the file's name
/// as a last component that is never followed through a symbolic link (`openat` with
/// `O_NOFOLLOW`, `fstatat` with `AT_SYMLINK_NOFOLLOW`, `renameat2`, `unlinkat`). A link planted
/// at the archive's name, its compressed name or its temporary name, by another user who can write
/// the directory, can make the work fail, never make it reach the link's target.
///
/// On any failure the temporary file is removed, the source is left byte-identical and a
/// ``CompressionError`` says which step failed, with the ``/RotorCore/SystemCallError``. Calling again later (for
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
    /// See ``ArchiveCompression`` for the steps. The directory that holds `path` is opened once
    /// (following symbolic links in the directory's own path, as any path is); the file names in
    /// it are never followed. When an intact compressed file that matches the source already
    /// exists, only the source is removed and the outcome describes the sizes of the two files and
    /// the time spent verifying.
    ///
    /// - Parameters:
    ///   - path: The uncompressed archive; it is removed on success.
    ///   - compressor: The compressor, for example ``GzipCompressor``.
    ///   - syncDirectory: Whether to `fsync(2)` the directory after the rename (default `true`).
    ///     Turning it off trades durability across power loss for speed (tests).
    /// - Returns: The sizes and the time spent.
    ///
    /// #### Errors
    /// ``CompressionError`` with the ``/RotorCore/SystemCallError`` in `cause` and the file in `path`:
    /// - `.invalidConfiguration` (`field` `"fileSuffix"`): the compressor's suffix is empty or
    ///   contains `/`; (`field` `"name"`): `path` ends in `/`, `.` or `..`.
    /// - `.sourceMissing`: `path` (or its directory) does not exist (a stale temporary file is
    ///   still removed). After a run that completed, this is what a second call reports; nothing
    ///   is changed.
    /// - `.sourceNotRegularFile`: `path` is not a regular file (a symbolic link included).
    /// - `.destinationExists`: the compressed name is taken by something that is not a complete
    ///   compressed copy of the source: a symbolic link, a directory, a file that is not gzip, a
    ///   damaged one, or an intact one of other content. Both it and the source are left alone.
    /// - `.removeFailed`: the temporary name is taken by something that is not a regular file (it
    ///   is left alone), or `unlink(2)` of the stale temporary file or, at the very end, of the
    ///   source failed, or the source's name no longer leads to the file that was compressed (it
    ///   is then left alone). In the last cases the compressed file is final and intact, and the
    ///   next call only removes the source.
    /// - `.readFailed`, `.writeFailed` (`ENOSPC`…), `.zlibFailed`: from the compressor.
    /// - `.compressorFailed`: a custom compressor threw another error type (it is the `cause`).
    /// - `.renameFailed`: renaming the temporary file failed; `EEXIST` when a file appeared at the
    ///   compressed name meanwhile (it is left alone).
    /// - `.syncFailed`: `fsync(2)` of the directory (or of a reused compressed file) failed; the
    ///   source is kept, so the next call finishes the job.
    ///
    /// #### Implementation details
    /// `open(O_DIRECTORY)` of the directory, then, relative to it: `fstatat` + `unlinkat` (stale
    /// temp), `openat(O_NOFOLLOW)` + `fstat` (source), `openat(O_CREAT | O_EXCL | O_NOFOLLOW)`,
    /// `read` / `deflate` / `write`, `fsync`, `renameat2(RENAME_NOREPLACE)`, `fsync` of the
    /// directory, `fstatat` + `unlinkat` (source).
    public static func compressArchive(
        at path: String,
        using compressor: any ArchiveCompressor,
        syncDirectory: Bool = true
    ) throws -> CompressionOutcome {
        let (directory, name) = try openDirectory(holding: path)
        return try compressArchive(named: name, in: directory, using: compressor, syncDirectory: syncDirectory)
    }

    /// Removes `<path><suffix>.tmp` if it is a regular file: the leftover of a compression that
    /// was interrupted before its rename, never a complete archive.
    ///
    /// ``compressArchive(at:using:syncDirectory:)`` does this itself; call this at start-up for
    /// temporary files whose source archive is gone.
    ///
    /// - Returns: `true` if a file was removed.
    ///
    /// #### Errors
    /// ``CompressionError`` `.removeFailed`: the name is taken by something that is not a regular
    /// file (a symbolic link, a directory…), which is left alone (`cause` `EEXIST`, or `EISDIR`
    /// for a directory); or `unlink(2)` failed (its ``/RotorCore/SystemCallError``).
    @discardableResult
    public static func removeStaleTemporary(
        forArchiveAt path: String, using compressor: any ArchiveCompressor
    ) throws -> Bool {
        let (directory, name) = try openDirectory(holding: path)
        return try removeStaleTemporary(forArchiveNamed: name, in: directory, using: compressor)
    }

    /// Opens the directory that holds `path`, and returns it with the last component of `path`.
    private static func openDirectory(holding path: String) throws -> (DirectoryHandle, String) {
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        switch DirectoryHandle.open(POSIX.directory(of: path)) {
        case .success(let directory):
            return (directory, name)
        case .failure(let error) where error == .noSuchFileOrDirectory:
            throw CompressionError(.sourceMissing, "the archive's directory does not exist", path: path, cause: error)
        case .failure(let error):
            throw CompressionError(.readFailed, "cannot open the archive's directory", path: path, cause: error)
        }
    }
}
