import RotorCore
import RotorLibc
import RotorSystem

/// A log-file path checked and resolved at set-up: the canonical form (`.`, `..` and symbolic
/// links in the directory part resolved) is what the registry keys shared per-path state by.
///
/// The last component is never resolved: a symbolic link there is refused
/// (``SinkError`` `.pathIsSymbolicLink`), and the file is then opened relative to its directory
/// with `O_NOFOLLOW`, so a link planted later cannot redirect it either.
struct ResolvedFilePath: Sendable, Hashable {
    /// The path as the user gave it.
    let given: String
    /// The canonical absolute path of the file.
    let canonical: String
    /// The canonical directory that holds the file.
    let directory: String
    /// The file's name within ``directory``.
    let name: String

    /// Validates `path` and resolves it.
    ///
    /// Nothing is created on disk unless `createDirectories` is set and every check before it passed.
    /// - Throws: ``SinkError`` with `.invalidPath`, `.pathIsSymbolicLink`, `.pathIsDirectory`,
    ///   `.unsupportedFileType`, `.directoryMissing` or `.openFailed`.
    static func resolve(_ path: String, createDirectories: Bool) throws -> ResolvedFilePath {
        guard !path.isEmpty else {
            throw SinkError(.invalidPath, "the log file path is empty", field: "path", path: path)
        }
        guard !path.utf8.contains(0) else {
            throw SinkError(.invalidPath, "the log file path contains a NUL byte", field: "path", path: path)
        }
        let name = FilePathText.lastComponent(of: path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw SinkError(.pathIsDirectory, "the log file path names a directory", field: "path", path: path)
        }
        guard name.utf8.count <= 255 else {
            throw SinkError(
                .invalidPath, "the file name is longer than 255 bytes", field: "path", path: path,
                cause: SystemCallError(rawValue: ENAMETOOLONG))
        }
        if case .success(let info) = POSIX.lstatus(ofPath: path) {
            if POSIX.isSymbolicLink(info) {
                throw SinkError(
                    .pathIsSymbolicLink,
                    "the log file path is a symbolic link; Rotor never writes through one (give the link's target, or remove the link)",
                    field: "path", path: path)
            }
            if POSIX.isDirectory(info) {
                throw SinkError(.pathIsDirectory, "the log file path names a directory", field: "path", path: path)
            }
            if !POSIX.isRegularFile(info) && !POSIX.isCharacterDevice(info) {
                throw SinkError(
                    .unsupportedFileType, "the log file path names a FIFO, socket or other special file",
                    field: "path", path: path)
            }
        }
        let directory = POSIX.directory(of: path)
        if case .failure = POSIX.status(ofPath: directory) {
            guard createDirectories else {
                throw SinkError(
                    .directoryMissing, "the directory \(directory) does not exist (set createDirectories to create it)",
                    field: "path", path: path)
            }
            if let errno = POSIX.makeDirectories(directory) {
                throw SinkError(.openFailed, "cannot create the directory \(directory)", path: path, cause: errno)
            }
        }
        switch POSIX.realPath(directory) {
        case .success(let canonicalDirectory):
            return ResolvedFilePath(
                given: path, canonical: FilePathText.join(canonicalDirectory, name),
                directory: canonicalDirectory, name: name)
        case .failure(let errno):
            throw SinkError(.openFailed, "cannot resolve the directory \(directory)", path: path, cause: errno)
        }
    }
}
