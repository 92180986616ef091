import RotorRotation

/// Name rules shared by the commands, all in terms of the library's ``TimestampArchiveNaming``.
///
/// Whether a name is an archive, and of which rotation, is only ever decided by
/// ``ArchiveNaming/parse(fileName:base:)``, and an archive's name only ever made by
/// ``ArchiveNaming/fileName(for:base:state:)``: the CLI holds no rule of its own about them.
enum ArchiveNames {
    /// The naming the library uses by default, and the only one `rotor` recognises.
    static let naming = TimestampArchiveNaming()

    /// The length of what the naming inserts between a base's stem and its extension
    /// (`.<timestamp>.<NNN>`), measured on a name the library makes.
    private static let insertionLength =
        naming.archiveFileName(for: ArchiveID(millisecondsSinceEpoch: 0, sequence: 1), base: "b").utf8.count - 1

    /// The suffixes of the archive states (`""`, `.gz`, `.gz.tmp`), longest first.
    private static let stateSuffixes = ArchiveFileState.allCases.map { Array($0.fileNameSuffix.utf8) }.sorted {
        $0.count > $1.count
    }

    /// The base (active file name) that `name` is an archive of, if `name` is an archive at all.
    ///
    /// Each dot of `name` is tried as the end of the stem, each state's suffix as its end; the
    /// candidate base (the name without the naming's insertion and the suffix) is kept only if
    /// ``TimestampArchiveNaming/parse(fileName:base:)`` accepts `name` for it, so the answer obeys
    /// the library's rules.
    static func base(ofArchive name: String) -> String? {
        let bytes = Array(name.utf8)
        for dot in bytes.indices where bytes[dot] == UInt8(ascii: ".") && dot + insertionLength <= bytes.count {
            let stem = bytes[..<dot]
            let rest = bytes[(dot + insertionLength)...]
            for suffix in stateSuffixes
            where rest.count >= suffix.count && rest.suffix(suffix.count).elementsEqual(suffix) {
                let fileExtension = rest.dropLast(suffix.count)
                let base = String(decoding: Array(stem) + Array(fileExtension), as: UTF8.self)
                if naming.parse(fileName: name, base: base) != nil { return base }
            }
        }
        return nil
    }

    /// The stem of `base`: the part before its extension, as ``TimestampArchiveNaming`` splits it
    /// (from the last dot; a first or last dot does not start an extension).
    ///
    /// Used only to report look-alike names (``LogDirectory/Oddity/Kind/lookAlike``); it never
    /// decides what is an archive.
    static func stem(of base: String) -> String {
        let bytes = Array(base.utf8)
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot < bytes.count - 1 else { return base }
        return String(decoding: bytes[..<dot], as: UTF8.self)
    }
}
