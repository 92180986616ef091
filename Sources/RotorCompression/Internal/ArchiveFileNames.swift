import RotorSystem

/// The three names one compression works with, all in one directory: the archive, its compressed
/// name and the temporary name it is written under.
struct ArchiveFileNames {
    /// `app.1.log`.
    let source: String
    /// `app.1.log.gz`.
    let final: String
    /// `app.1.log.gz.tmp`.
    let temporary: String
    /// The directory's path, for messages only (never opened again).
    let directoryPath: String

    init(source: String, suffix: String, directoryPath: String) {
        self.source = source
        final = source + suffix
        temporary = final + ".tmp"
        self.directoryPath = directoryPath
    }

    /// `directory/name`, for an error's `path`.
    func path(_ name: String) -> String {
        directoryPath.hasSuffix("/") ? directoryPath + name : directoryPath + "/" + name
    }
}
