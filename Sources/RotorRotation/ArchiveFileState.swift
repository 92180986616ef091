/// Which stage of its life an archive file is in, as told by its name's suffix.
public enum ArchiveFileState: Sendable, Hashable, CaseIterable {
    /// The uncompressed archive, named by ``ArchiveNaming/archiveFileName(for:base:)``.
    case plain
    /// The finished gzip archive: the plain name + `.gz`.
    case compressed
    /// A gzip archive being written: the plain name + `.gz.tmp`. Once complete it is renamed to
    /// the `.gz` name and the plain file removed; a leftover one is incomplete.
    case compressing

    /// The suffix appended to the plain archive name: `""`, `".gz"` or `".gz.tmp"`.
    public var fileNameSuffix: String {
        switch self {
        case .plain: ""
        case .compressed: ".gz"
        case .compressing: ".gz.tmp"
        }
    }
}
