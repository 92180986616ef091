import RotorRotation

/// One archive file the channel knows of, with its size, so that retention needs no directory scan.
struct ArchiveEntry: Sendable, Hashable {
    var name: ParsedArchiveName
    var bytes: Int64

    /// Oldest first; within one generation, plain before compressing before compressed.
    static func inOrder(_ lhs: ArchiveEntry, _ rhs: ArchiveEntry) -> Bool {
        (lhs.name.id, lhs.name.state.sortOrder) < (rhs.name.id, rhs.name.state.sortOrder)
    }
}
