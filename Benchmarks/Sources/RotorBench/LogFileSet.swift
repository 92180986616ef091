import Foundation
import RotorRotation

/// The files a run left in its directory, in the order their records were written: archives by
/// ``ArchiveID`` (oldest first), then the active file.
struct LogFileSet {
    /// One file to read.
    struct File {
        var path: String
        var compressed: Bool
    }

    var files: [File] = []
    /// Names that are neither the active file, an archive of it, nor hidden bookkeeping, and
    /// archives left half-compressed or present twice (plain and `.gz`).
    var problems: [String] = []

    /// Lists `directory`, recognising archives of `baseName` with ``TimestampArchiveNaming``;
    /// the files named in `emptyFiles` may be there too, if they are empty.
    ///
    /// - Throws: When the directory cannot be read.
    init(directory: String, baseName: String, emptyFiles: Set<String> = []) throws {
        let naming = TimestampArchiveNaming()
        var archives: [ArchiveID: ParsedArchiveName] = [:]
        var hasActive = false
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            if name == baseName {
                hasActive = true
            } else if emptyFiles.contains(name) {
                let size = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int
                if size != 0 { problems.append("\(name) should be empty, holds \(size ?? -1) bytes") }
            } else if name.hasPrefix(".") {
                continue  // the state file (.bench.log.rotor-state); prepared files are gone after close
            } else if let archive = naming.parse(fileName: name, base: baseName) {
                if archive.state == .compressing {
                    problems.append("half-compressed archive \(name)")
                } else if let other = archives[archive.id] {
                    problems.append("archive generation present twice: \(other.fileName) and \(name)")
                } else {
                    archives[archive.id] = archive
                }
            } else {
                problems.append("unexpected file \(name)")
            }
        }
        for archive in archives.values.sorted(by: { $0.id < $1.id }) {
            files.append(File(path: directory + "/" + archive.fileName, compressed: archive.state == .compressed))
        }
        if hasActive {
            files.append(File(path: directory + "/" + baseName, compressed: false))
        } else {
            problems.append("the active file \(baseName) is missing")
        }
    }
}
