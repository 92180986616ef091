import RotorCore
import RotorLibc
import RotorSystem

/// Step 4 of ``ArchiveCompression``: the compressed copy under the temporary name.
extension ArchiveCompression {
    /// Compresses the open source into a new temporary file and returns the outcome and the
    /// temporary file's identity. On failure nothing is left at the temporary name.
    static func compressToTemporary(
        _ source: OpenedFile, _ names: ArchiveFileNames, in directory: DirectoryHandle,
        using compressor: any ArchiveCompressor
    ) throws -> (CompressionOutcome, FileIdentity) {
        if let gzip = compressor as? GzipCompressor {
            return try compress(source, names, in: directory, using: gzip)
        }
        let outcome: CompressionOutcome
        do {
            outcome = try compressor.compress(
                from: DescriptorPaths.file(source.descriptor, orElse: names.path(names.source)),
                to: DescriptorPaths.name(names.temporary, in: directory, orElse: names.path(names.temporary)))
        } catch let error as CompressionError {
            removeTemporary(names, in: directory, ifStill: nil)
            throw error
        } catch {
            removeTemporary(names, in: directory, ifStill: nil)
            throw CompressionError(
                .compressorFailed, "the compressor failed: \(error)", path: names.path(names.source), cause: error)
        }
        guard case .success(let info) = directory.status(of: names.temporary), POSIX.isRegularFile(info) else {
            throw CompressionError(
                .writeFailed, "the compressor left no regular file at the temporary name",
                path: names.path(names.temporary))
        }
        return (outcome, FileIdentity(info))
    }

    /// The built-in gzip, from descriptor to descriptor.
    private static func compress(
        _ source: OpenedFile, _ names: ArchiveFileNames, in directory: DirectoryHandle, using gzip: GzipCompressor
    ) throws -> (CompressionOutcome, FileIdentity) {
        let path = names.path(names.temporary)
        let fd: Int32
        switch directory.openFile(names.temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600) {
        case .success(let opened): fd = opened
        case .failure(let error):
            throw CompressionError(.writeFailed, "cannot create the compressed file", path: path, cause: error)
        }
        guard let identity = FileIdentity(descriptor: fd) else {
            let error = SystemCallError.current
            close(fd)
            directory.removeIfPresent(names.temporary)  // just created with O_EXCL: ours
            throw CompressionError(.writeFailed, "fstat(2) of the compressed file failed", path: path, cause: error)
        }
        let outcome: CompressionOutcome
        do {
            outcome = try gzip.compress(
                fromDescriptor: source.descriptor, toDescriptor: fd, paths: (names.path(names.source), path))
        } catch {
            close(fd)
            removeTemporary(names, in: directory, ifStill: identity)
            throw error
        }
        if let error = POSIX.closeDescriptor(fd) {
            // The descriptor is gone even when close fails (never close twice); distrust the file.
            removeTemporary(names, in: directory, ifStill: identity)
            throw CompressionError(.writeFailed, "close(2) of the compressed file failed", path: path, cause: error)
        }
        return (outcome, identity)
    }

    /// Removes the temporary name after a failure: only a regular file, and only the one that was
    /// written (`identity`) when it is known.
    static func removeTemporary(
        _ names: ArchiveFileNames, in directory: DirectoryHandle, ifStill identity: FileIdentity?
    ) {
        guard case .success(let info) = directory.status(of: names.temporary), POSIX.isRegularFile(info),
            identity == nil || FileIdentity(info) == identity
        else { return }
        directory.removeIfPresent(names.temporary)
    }
}
