/// A directory entry recognised as an archive of an active file by
/// ``ArchiveNaming/parse(fileName:base:)``.
public struct ParsedArchiveName: Sendable, Hashable {
    /// The archive's ID, from its name.
    public var id: ArchiveID
    /// Whether the entry is the plain archive, the finished `.gz` or an in-progress `.gz.tmp`.
    public var state: ArchiveFileState
    /// The entry's name as it was parsed (no directory).
    public var fileName: String

    /// Creates a parsed name.
    ///
    /// - Parameters:
    ///   - id: The archive's ID.
    ///   - state: The stage given by the name's suffix.
    ///   - fileName: The full entry name.
    public init(id: ArchiveID, state: ArchiveFileState, fileName: String) {
        self.id = id
        self.state = state
        self.fileName = fileName
    }
}
