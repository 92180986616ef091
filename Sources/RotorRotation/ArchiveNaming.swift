/// Names archives of an active file, and recognises them among the entries of its directory.
///
/// A naming scheme must be a bijection between its names and ``ArchiveID``s: for every name `n`
/// that ``parse(fileName:base:)`` accepts,
/// `archiveFileName(for: parsed.id, base: base) + parsed.state.fileNameSuffix == n`. Retention
/// relies on ``parse(fileName:base:)`` rejecting anything else, so it never counts or deletes a
/// file it did not create.
///
/// The default is ``TimestampArchiveNaming``.
public protocol ArchiveNaming: Sendable {
    /// The uncompressed archive file name (no directory) for the archive `id` of the active file
    /// named `base`, for example `"app.log"`.
    ///
    /// - Parameters:
    ///   - id: The archive's ID.
    ///   - base: The active file's name, without directory.
    /// - Returns: The file name; add ``ArchiveFileState/fileNameSuffix`` for other states.
    func archiveFileName(for id: ArchiveID, base: String) -> String

    /// Parses a directory entry name.
    ///
    /// - Parameters:
    ///   - fileName: The entry's name, without directory.
    ///   - base: The active file's name, without directory.
    /// - Returns: The parsed archive, or `nil` for anything that is not exactly an archive of
    ///   `base` in one of the ``ArchiveFileState`` forms.
    func parse(fileName: String, base: String) -> ParsedArchiveName?

    /// Whether `other` names archives exactly as this scheme does.
    ///
    /// Equatable schemes get a default implementation that compares with `==` when `other` has the
    /// same type, and answers `false` otherwise.
    func isEqual(to other: any ArchiveNaming) -> Bool
}

extension ArchiveNaming {
    /// The file name of archive `id` of `base` in `state`: the plain name plus the state's suffix.
    ///
    /// - Parameters:
    ///   - id: The archive's ID.
    ///   - base: The active file's name, without directory.
    ///   - state: The stage of the archive.
    /// - Returns: The file name, without directory.
    public func fileName(for id: ArchiveID, base: String, state: ArchiveFileState) -> String {
        archiveFileName(for: id, base: base) + state.fileNameSuffix
    }
}

extension ArchiveNaming where Self: Equatable {
    /// Compares with `==` when `other` has the same type as `self`; otherwise `false`.
    public func isEqual(to other: any ArchiveNaming) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
