import RotorCore
import RotorLibc
package import RotorSystem

/// The protocol relative to an open directory: the form the sinks and `rotor prune` use, and the
/// one the path-based API is built on.
extension ArchiveCompression {
    /// Compresses the archive `name` in `directory` into `name` + ``ArchiveCompressor/fileSuffix``
    /// through a temporary file, then removes `name`.
    ///
    /// See ``ArchiveCompression`` for the steps; every one is relative to `directory`'s descriptor
    /// and never follows a symbolic link, so the directory may have been renamed since it was
    /// opened. With ``GzipCompressor`` the work is done on descriptors; a custom compressor's
    /// path-based methods get `/proc/self/fd/…` paths of what this method opened (see
    /// `DescriptorPaths`), on Linux.
    ///
    /// - Parameters:
    ///   - name: The archive's file name (no `/`); it is removed on success.
    ///   - directory: The directory that holds it.
    ///   - compressor: The compressor, for example ``GzipCompressor``.
    ///   - syncDirectory: Whether to `fsync(2)` the directory after the rename (default `true`).
    /// - Returns: The sizes and the time spent.
    /// - Throws: ``CompressionError``, as ``compressArchive(at:using:syncDirectory:)`` lists; the
    ///   `path` is `directory.path` joined with the file's name.
    package static func compressArchive(
        named name: String,
        in directory: DirectoryHandle,
        using compressor: any ArchiveCompressor,
        syncDirectory: Bool = true
    ) throws -> CompressionOutcome {
        let names = try fileNames(for: name, in: directory, using: compressor)
        try removeStaleTemporary(names, in: directory)
        let source = try openSource(names, in: directory)
        if let outcome = try reuseFinishedCompression(
            of: source, names, in: directory, using: compressor, syncDirectory)
        {
            return outcome
        }
        let (outcome, temporary) = try compressToTemporary(source, names, in: directory, using: compressor)
        if let error = directory.renameWithoutReplacing(names.temporary, to: names.final) {
            removeTemporary(names, in: directory, ifStill: temporary)
            let reason =
                error.rawValue == EEXIST
                ? "a file appeared at the compressed name \(names.final) meanwhile; it is left alone"
                : "cannot rename the compressed file to \(names.final)"
            throw CompressionError(.renameFailed, reason, path: names.path(names.temporary), cause: error)
        }
        try sync(directory, if: syncDirectory)
        try removeSource(source, names, in: directory)
        return outcome
    }

    /// Removes the temporary file of the archive `name` in `directory` if it is a regular file;
    /// see ``removeStaleTemporary(forArchiveAt:using:)``.
    ///
    /// - Returns: `true` if a file was removed.
    /// - Throws: ``CompressionError`` `.removeFailed` (a non-regular file there is left alone),
    ///   `.invalidConfiguration` for a bad suffix or name.
    @discardableResult
    package static func removeStaleTemporary(
        forArchiveNamed name: String, in directory: DirectoryHandle, using compressor: any ArchiveCompressor
    ) throws -> Bool {
        try removeStaleTemporary(fileNames(for: name, in: directory, using: compressor), in: directory)
    }

    // MARK: - Steps

    /// Checks the suffix and the name, and spells the three names.
    private static func fileNames(
        for name: String, in directory: DirectoryHandle, using compressor: any ArchiveCompressor
    ) throws -> ArchiveFileNames {
        let suffix = compressor.fileSuffix
        guard !suffix.isEmpty, !suffix.contains("/") else {
            throw CompressionError(
                .invalidConfiguration,
                "a compressor's file suffix must be non-empty and contain no '/', got \"\(suffix)\"",
                field: "fileSuffix")
        }
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
            throw CompressionError(
                .invalidConfiguration, "an archive's name must be a file name without '/', got \"\(name)\"",
                field: "name")
        }
        return ArchiveFileNames(source: name, suffix: suffix, directoryPath: directory.path)
    }

    /// Step 1: a regular file at the temporary name is a leftover of ours; anything else is left alone.
    @discardableResult
    private static func removeStaleTemporary(_ names: ArchiveFileNames, in directory: DirectoryHandle) throws -> Bool {
        let path = names.path(names.temporary)
        switch directory.status(of: names.temporary) {
        case .failure(let error) where error == .noSuchFileOrDirectory:
            return false
        case .failure(let error):
            throw CompressionError(
                .removeFailed, "fstatat(2) of a stale temporary file failed", path: path, cause: error)
        case .success(let info) where POSIX.isRegularFile(info):
            guard let error = directory.remove(names.temporary) else { return true }
            if error == .noSuchFileOrDirectory { return false }
            throw CompressionError(.removeFailed, "cannot remove a stale temporary file", path: path, cause: error)
        case .success(let info):
            // Rotor only ever makes regular files there: a link, a directory… is someone else's.
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            throw CompressionError(
                .removeFailed, "the temporary name is taken by something that is not a regular file; it is left alone",
                path: path, cause: SystemCallError(rawValue: isDirectory ? EISDIR : EEXIST))
        }
    }

    /// Step 2: opens the source without following a link; it must be a regular file.
    private static func openSource(_ names: ArchiveFileNames, in directory: DirectoryHandle) throws -> OpenedFile {
        let path = names.path(names.source)
        // Looked at first so that a FIFO or a device is never opened; the fstat below decides.
        switch directory.status(of: names.source) {
        case .success(let info) where POSIX.isRegularFile(info): break
        case .success:
            throw CompressionError(.sourceNotRegularFile, "the archive to compress is not a regular file", path: path)
        case .failure(let error) where error == .noSuchFileOrDirectory:
            throw CompressionError(.sourceMissing, "the archive to compress does not exist", path: path, cause: error)
        case .failure(let error):
            throw CompressionError(
                .readFailed, "fstatat(2) of the archive to compress failed", path: path, cause: error)
        }
        let fd: Int32
        switch directory.openForReading(names.source) {
        case .success(let opened): fd = opened
        case .failure(let error) where error == .noSuchFileOrDirectory:
            throw CompressionError(.sourceMissing, "the archive to compress does not exist", path: path, cause: error)
        case .failure(let error) where error.rawValue == ELOOP:
            throw CompressionError(.sourceNotRegularFile, "the archive to compress is a symbolic link", path: path)
        case .failure(let error):
            throw CompressionError(.readFailed, "cannot open the archive to compress", path: path, cause: error)
        }
        switch POSIX.status(of: fd) {
        case .success(let info) where POSIX.isRegularFile(info):
            return OpenedFile(descriptor: fd, info: info)
        case .success:
            close(fd)
            throw CompressionError(.sourceNotRegularFile, "the archive to compress is not a regular file", path: path)
        case .failure(let error):
            close(fd)
            throw CompressionError(.readFailed, "fstat(2) of the archive to compress failed", path: path, cause: error)
        }
    }

    /// Step 3: when the compressed name exists, either it is a complete copy of the source (a run
    /// died before removing the source: finish it) or it is not ours and stays as it is.
    private static func reuseFinishedCompression(
        of source: OpenedFile, _ names: ArchiveFileNames, in directory: DirectoryHandle,
        using compressor: any ArchiveCompressor, _ syncDirectory: Bool
    ) throws -> CompressionOutcome? {
        let path = names.path(names.final)
        let notOurs = CompressionError(
            .destinationExists,
            "the compressed name is taken by a file that is not a complete compressed copy of the archive; both are left alone",
            path: path)
        switch directory.status(of: names.final) {
        case .failure(let error) where error == .noSuchFileOrDirectory: return nil
        case .failure(let error):
            throw CompressionError(.readFailed, "fstatat(2) of the compressed name failed", path: path, cause: error)
        case .success(let info) where !POSIX.isRegularFile(info): throw notOurs
        case .success: break
        }
        let start = ContinuousClock.now
        let final: OpenedFile
        switch directory.openForReading(names.final) {
        case .success(let fd):
            guard case .success(let info) = POSIX.status(of: fd), POSIX.isRegularFile(info) else {
                close(fd)
                throw notOurs
            }
            final = OpenedFile(descriptor: fd, info: info)
        case .failure(let error) where error.rawValue == ELOOP: throw notOurs
        case .failure(let error):
            throw CompressionError(.readFailed, "cannot open the existing compressed file", path: path, cause: error)
        }
        guard isIntact(final, matching: source, names, in: directory, using: compressor) else { throw notOurs }
        if let error = POSIX.syncFile(final.descriptor) {
            throw CompressionError(
                .syncFailed, "fsync(2) of the existing compressed file failed", path: path, cause: error)
        }
        try sync(directory, if: syncDirectory)
        try removeSource(source, names, in: directory)
        return CompressionOutcome(inputBytes: source.size, outputBytes: final.size, duration: start.duration(to: .now))
    }

    /// Whether the open compressed file decompresses to exactly the open source's bytes.
    private static func isIntact(
        _ final: OpenedFile, matching source: OpenedFile, _ names: ArchiveFileNames, in directory: DirectoryHandle,
        using compressor: any ArchiveCompressor
    ) -> Bool {
        if let gzip = compressor as? GzipCompressor {
            return gzip.isIntact(descriptor: final.descriptor, matching: source.descriptor)
        }
        return compressor.isIntact(
            DescriptorPaths.file(final.descriptor, orElse: names.path(names.final)),
            matching: DescriptorPaths.file(source.descriptor, orElse: names.path(names.source)))
    }

    /// Step 6.
    private static func sync(_ directory: DirectoryHandle, if enabled: Bool) throws {
        guard enabled, let error = directory.sync() else { return }
        throw CompressionError(.syncFailed, "fsync(2) of the directory failed", path: directory.path, cause: error)
    }

    /// Step 7: unlinks the source's name only while it still leads to the file that was compressed.
    private static func removeSource(
        _ source: OpenedFile, _ names: ArchiveFileNames, in directory: DirectoryHandle
    ) throws {
        let path = names.path(names.source)
        switch directory.status(of: names.source) {
        case .failure(let error) where error == .noSuchFileOrDirectory:
            return  // already gone; the compressed file is complete
        case .failure(let error):
            throw CompressionError(
                .removeFailed, "fstatat(2) of the compressed archive's source failed", path: path, cause: error)
        case .success(let info) where FileIdentity(info) != source.identity:
            throw CompressionError(
                .removeFailed, "the archive's name now leads to another file than the one compressed; it is left alone",
                path: path)
        case .success:
            break
        }
        if let error = directory.remove(names.source), error != .noSuchFileOrDirectory {
            throw CompressionError(
                .removeFailed, "cannot remove the compressed archive's source", path: path, cause: error)
        }
    }
}
