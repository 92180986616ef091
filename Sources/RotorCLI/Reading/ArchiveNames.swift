import RotorRotation

/// Name rules shared by the commands, all in terms of the library's ``TimestampArchiveNaming``.
enum ArchiveNames {
    /// The naming the library uses by default, and the only one `rotor` recognises.
    static let naming = TimestampArchiveNaming()

    /// The base (active file name) that `name` is an archive of, if `name` is an archive at all.
    ///
    /// Tries each dot of `name` as the end of the stem; the candidate base is confirmed with
    /// ``TimestampArchiveNaming/parse(fileName:base:)``, so the answer obeys the library's rules.
    static func base(ofArchive name: String) -> String? {
        let bytes = Array(name.utf8)
        let fixed = 1 + 24 + 1 + 3  // ".<timestamp>.<NNN>"
        for dot in bytes.indices where bytes[dot] == UInt8(ascii: ".") && dot + fixed <= bytes.count {
            let stem = bytes[..<dot]
            let rest = bytes[(dot + fixed)...]
            for suffix in [".gz.tmp", ".gz", ""] {
                let suffixBytes = Array(suffix.utf8)
                guard rest.count >= suffixBytes.count, rest.suffix(suffixBytes.count).elementsEqual(suffixBytes) else {
                    continue
                }
                let fileExtension = rest.dropLast(suffixBytes.count)
                let base = String(decoding: Array(stem) + Array(fileExtension), as: UTF8.self)
                if naming.parse(fileName: name, base: base) != nil { return base }
            }
        }
        return nil
    }

    /// The stem of `base`: the part before its extension, as ``TimestampArchiveNaming`` splits it
    /// (from the last dot; a first or last dot does not start an extension).
    static func stem(of base: String) -> String {
        let bytes = Array(base.utf8)
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot < bytes.count - 1 else { return base }
        return String(decoding: bytes[..<dot], as: UTF8.self)
    }
}
