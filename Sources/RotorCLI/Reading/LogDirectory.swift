import RotorCore
import RotorRotation
import RotorSystem

/// One scan of a log's directory: the active file, its archives grouped by rotation, and anything
/// else that looks related.
///
/// Recognition is the library's: an entry is an archive only if
/// ``TimestampArchiveNaming/parse(fileName:base:)`` accepts it for this base and it is a regular
/// file (`lstat`, symbolic links are not followed), as `RotatingFileSink` does at open. Nothing else
/// is ever read as part of the log, counted or deleted. Given a `DirectoryHandle` (as `prune` does),
/// the listing and the `fstatat(AT_SYMLINK_NOFOLLOW)` of each name go through its descriptor, so
/// the names found are those of the directory the command then acts in.
struct LogDirectory {
    /// A regular file recognised as an archive.
    struct ArchiveFile {
        var name: ParsedArchiveName
        var path: String
        var size: Int64
        /// `lstat` at scan time (device and inode tell hard links of one file apart).
        var identity: FileSystem.Info
    }

    /// One rotation's archive: the plain file, the `.gz`, or both (an interrupted compression).
    struct Generation {
        var id: ArchiveID
        var plain: ArchiveFile?
        var compressed: ArchiveFile?

        /// The files to read the generation from, in order of preference: the plain file first.
        ///
        /// When both exist, compression was interrupted after the `.gz` was written and before the
        /// source was removed; the plain file is the source, always complete, whereas the `.gz` is
        /// only trusted by the library once checked against it. If the plain file disappears
        /// before it is opened (a compression finished meanwhile), the `.gz` is read instead.
        var readOrder: [ArchiveFile] { [plain, compressed].compactMap { $0 } }
    }

    /// Something in the directory that is not the active file or an archive but relates to them.
    struct Oddity {
        enum Kind: String {
            /// `….gz.tmp`: a compression in progress, or a leftover of an interrupted one.
            case compressionTemporary = "compression leftover (.gz.tmp)"
            /// `.app.log.rotor-next-*`: a prepared next file a crashed run left.
            case preparedNextFile = "prepared next file leftover"
            /// `.app.log.rotor-state.tmp`: a state file write a crashed run left.
            case stateTemporary = "state file leftover"
            /// An archive name on a directory, symbolic link, FIFO…: never read nor deleted.
            case notRegularFile = "archive name on a non-regular file (ignored)"
            /// A name close to the log's but not one Rotor makes: never read nor deleted.
            case lookAlike = "look-alike, not an archive (left untouched)"
            /// The active path exists but is not a regular file.
            case activeNotRegular = "active path is not a regular file"
        }

        var kind: Kind
        var name: String
        var size: Int64
    }

    let location: LogLocation
    /// The active file, `nil` when it does not exist.
    var active: FileSystem.Info?
    /// The generations, oldest first (``ArchiveID`` order).
    var generations: [Generation] = []
    /// The regular archive files, for `ArchiveGeneration.group`.
    var archiveFiles: [ArchiveFile] = []
    /// Unexpected entries, sorted by name.
    var oddities: [Oddity] = []
    /// Whether the sink's state file (`.app.log.rotor-state`) is present.
    var hasStateFile = false

    /// The newest archive ID, `nil` without archives.
    var newestID: ArchiveID? { generations.last?.id }

    /// Lists the directory until two listings in a row name the same archives.
    ///
    /// `readdir(3)` may miss an entry renamed while it runs: when the sink compresses an archive
    /// (`rename(….gz.tmp, ….gz)`, then `unlink(…)`) during a listing, neither name may be returned.
    /// A compression happens once per archive, so a listing that starts after the first one ended
    /// sees the `.gz`; agreeing listings are therefore complete.
    ///
    /// - Parameters:
    ///   - location: The log.
    ///   - handle: The log's directory, open; `nil` to list it by its path.
    /// - Throws: ``CLIError`` `.noInput` when the directory cannot be listed.
    static func stableScan(_ location: LogLocation, in handle: DirectoryHandle? = nil) throws(CLIError) -> LogDirectory {
        var previous = try scan(location, in: handle)
        for _ in 0..<20 {
            let next = try scan(location, in: handle)
            if next.generations.map(\.id) == previous.generations.map(\.id) { return next }
            previous = next
        }
        return previous
    }

    /// Lists the directory once (see ``stableScan(_:)``).
    ///
    /// - Throws: ``CLIError`` `.noInput` when the directory cannot be listed.
    static func scan(_ location: LogLocation, in handle: DirectoryHandle? = nil) throws(CLIError) -> LogDirectory {
        let names: [String]
        switch handle?.entries() ?? FileSystem.entries(of: location.directory) {
        case .success(let found): names = found
        case .failure(let error): throw .noInput("\(location.directory): cannot list the directory: \(error)")
        }
        var scan = LogDirectory(location: location)
        let stemPrefix = ArchiveNames.stem(of: location.base) + "."
        let hidden = RotorHiddenFiles(base: location.base)
        let preparedPrefix = hidden.preparedPrefix
        let stateFile = hidden.state
        let lockFile = hidden.lock
        var byID: [ArchiveID: Generation] = [:]
        for name in names.sorted() {
            let path = location.path(of: name)
            let info = try? (handle?.status(of: name).map(FileSystem.Info.init) ?? FileSystem.linkInfo(path)).get()
            let size = info?.size ?? 0
            if name == location.base {
                switch FileSystem.info(path) {  // the active path may be a symbolic link: follow it
                case .success(let followed) where followed.isRegular: scan.active = followed
                case .success: scan.oddities.append(Oddity(kind: .activeNotRegular, name: name, size: size))
                case .failure: break
                }
            } else if let parsed = ArchiveNames.naming.parse(fileName: name, base: location.base) {
                guard let info, info.isRegular else {
                    scan.oddities.append(Oddity(kind: .notRegularFile, name: name, size: size))
                    continue
                }
                let file = ArchiveFile(name: parsed, path: path, size: info.size, identity: info)
                switch parsed.state {
                case .compressing:
                    scan.oddities.append(Oddity(kind: .compressionTemporary, name: name, size: size))
                case .plain:
                    scan.archiveFiles.append(file)
                    byID[parsed.id, default: Generation(id: parsed.id)].plain = file
                case .compressed:
                    scan.archiveFiles.append(file)
                    byID[parsed.id, default: Generation(id: parsed.id)].compressed = file
                }
            } else if name.hasPrefix(preparedPrefix) {
                scan.oddities.append(Oddity(kind: .preparedNextFile, name: name, size: size))
            } else if name == stateFile {
                scan.hasStateFile = true
            } else if name == lockFile {
                continue  // the cross-process lock file: Rotor's, never an oddity
            } else if name == stateFile + ".tmp" {
                scan.oddities.append(Oddity(kind: .stateTemporary, name: name, size: size))
            } else if name.hasPrefix(stemPrefix) || name.hasPrefix(location.base) || name.hasPrefix(".\(location.base).") {
                scan.oddities.append(Oddity(kind: .lookAlike, name: name, size: size))
            }
        }
        scan.generations = byID.values.sorted { $0.id < $1.id }
        return scan
    }
}
