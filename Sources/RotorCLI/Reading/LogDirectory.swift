import RotorCore
import RotorRotation
import RotorSystem

/// One scan of a log's directory: the active file, its archives grouped by rotation, and anything
/// else that looks related.
///
/// Recognition is the library's: an entry is an archive only if
/// ``TimestampArchiveNaming/parse(fileName:base:)`` accepts it for this base and it is a regular
/// file (`lstat`, symbolic links are not followed), as `RotatingFileSink` does at open. Nothing else
/// is ever read as part of the log, counted or deleted. The listing and the
/// `fstatat(AT_SYMLINK_NOFOLLOW)` of each name go through the directory's descriptor (the
/// `DirectoryHandle` given, as `prune` does, else one opened for the scan), so the names found are
/// those of the directory the command then acts in.
///
/// #### Memory
///
/// The directory is streamed (`readdir(3)`, one name at a time), and an archive is kept as a
/// compact ``Generation`` (its ID, and the size and identity of each of its files: 80 bytes), never
/// by name: a file's name is rebuilt from its ID when needed, with the library's
/// ``ArchiveNaming/fileName(for:base:state:)``, which the ``ArchiveNaming`` contract makes the exact
/// inverse of `parse`. A scan of N archives peaks at about 130 bytes per archive (the entries,
/// sorted, then grouped) and holds 80 once done; ``stableScan(_:in:)`` holds two scans at once.
/// Only the ``oddities`` keep names, and only so many as there are odd entries.
struct LogDirectory {
    /// A regular file recognised as an archive: what its `lstat` said when scanned. Its name is
    /// ``LogLocation/archiveName(_:_:)`` of its generation's ID and its ``state``.
    struct ArchiveFile {
        var size: Int64
        /// Device and inode at scan time (they tell hard links of one file apart).
        var device: UInt64
        var inode: UInt64
        /// `.plain` or `.compressed`.
        var state: ArchiveFileState

        init(state: ArchiveFileState, info: FileSystem.Info) {
            size = info.size
            device = info.device
            inode = info.inode
            self.state = state
        }

        /// Whether `info` describes this file (device and inode).
        func isSameFile(as info: FileSystem.Info) -> Bool { device == info.device && inode == info.inode }
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
    /// Unexpected entries, sorted by name.
    var oddities: [Oddity] = []
    /// Whether the sink's state file (`.app.log.rotor-state`) is present.
    var hasStateFile = false

    /// The newest archive ID, `nil` without archives.
    var newestID: ArchiveID? { generations.last?.id }

    /// The path of `file`, of `generation`.
    func path(of file: ArchiveFile, in generation: Generation) -> String {
        location.archivePath(generation.id, file.state)
    }

    /// Whether two scans list the same archive IDs.
    func hasSameArchives(as other: LogDirectory) -> Bool {
        generations.elementsEqual(other.generations) { $0.id == $1.id }
    }

    /// Lists the directory until two listings in a row name the same archives.
    ///
    /// `readdir(3)` may miss an entry renamed while it runs: when the sink compresses an archive
    /// (`rename(….gz.tmp, ….gz)`, then `unlink(…)`) during a listing, neither name may be returned.
    /// A compression happens once per archive, so a listing that starts after the first one ended
    /// sees the `.gz`; agreeing listings are therefore complete.
    ///
    /// - Parameters:
    ///   - location: The log.
    ///   - handle: The log's directory, open; `nil` to open it by its path for the scans.
    /// - Throws: ``CLIError`` `.noInput` when the directory cannot be listed.
    static func stableScan(_ location: LogLocation, in handle: DirectoryHandle? = nil) throws(CLIError) -> LogDirectory {
        let handle = if let handle { handle } else { try open(location) }
        var previous = try scan(location, in: handle)
        for _ in 0..<20 {
            let next = try scan(location, in: handle)
            if next.hasSameArchives(as: previous) { return next }
            previous = next
        }
        return previous
    }

    /// Lists the directory once (see ``stableScan(_:in:)``).
    ///
    /// - Throws: ``CLIError`` `.noInput` when the directory cannot be listed.
    static func scan(_ location: LogLocation, in handle: DirectoryHandle? = nil) throws(CLIError) -> LogDirectory {
        let handle = if let handle { handle } else { try open(location) }
        var scan = LogDirectory(location: location)
        let stemPrefix = ArchiveNames.stem(of: location.base) + "."
        let hidden = RotorHiddenFiles(base: location.base)
        let preparedPrefix = hidden.preparedPrefix
        let stateFile = hidden.state
        let lockFile = hidden.lock
        let hiddenPrefix = ".\(location.base)."
        var files: [(id: ArchiveID, file: ArchiveFile)] = []
        let failure = FileSystem.forEachEntry(ofDirectory: handle.descriptor) { name in
            // Every name this loop keeps starts with the stem, the base or the hidden prefix (the
            // base starts with its stem): anything else is not looked at, not even stat'ed.
            guard name.hasPrefix(stemPrefix) || name.hasPrefix(location.base) || name.hasPrefix(hiddenPrefix) else {
                return
            }
            let info = try? FileSystem.linkInfo(of: name, inDirectory: handle.descriptor).get()
            let size = info?.size ?? 0
            if name == location.base {
                switch FileSystem.info(location.path(of: name)) {  // the active path may be a symbolic link: follow it
                case .success(let followed) where followed.isRegular: scan.active = followed
                case .success: scan.oddities.append(Oddity(kind: .activeNotRegular, name: name, size: size))
                case .failure: break
                }
            } else if let parsed = ArchiveNames.naming.parse(fileName: name, base: location.base) {
                guard let info, info.isRegular else {
                    scan.oddities.append(Oddity(kind: .notRegularFile, name: name, size: size))
                    return
                }
                switch parsed.state {
                case .compressing:
                    scan.oddities.append(Oddity(kind: .compressionTemporary, name: name, size: size))
                case .plain, .compressed:
                    files.append((parsed.id, ArchiveFile(state: parsed.state, info: info)))
                }
            } else if name.hasPrefix(preparedPrefix) {
                scan.oddities.append(Oddity(kind: .preparedNextFile, name: name, size: size))
            } else if name == stateFile {
                scan.hasStateFile = true
            } else if name == lockFile {
                return  // the cross-process lock file: Rotor's, never an oddity
            } else if name == stateFile + ".tmp" {
                scan.oddities.append(Oddity(kind: .stateTemporary, name: name, size: size))
            } else {
                scan.oddities.append(Oddity(kind: .lookAlike, name: name, size: size))
            }
        }
        if let failure { throw .noInput("\(location.directory): cannot list the directory: \(failure)") }
        scan.oddities.sort { $0.name < $1.name }
        scan.generations = group(&files)
        return scan
    }

    /// Groups the archive files found into generations, oldest first; empties `files` on the way.
    private static func group(_ files: inout [(id: ArchiveID, file: ArchiveFile)]) -> [Generation] {
        files.sort { $0.id < $1.id }
        var generations: [Generation] = []
        generations.reserveCapacity(files.count)
        for (id, file) in files {
            if generations.last?.id != id { generations.append(Generation(id: id)) }
            if file.state == .plain {
                generations[generations.count - 1].plain = file
            } else {
                generations[generations.count - 1].compressed = file
            }
        }
        files = []
        return generations
    }

    /// Opens the log's directory for a scan.
    private static func open(_ location: LogLocation) throws(CLIError) -> DirectoryHandle {
        switch DirectoryHandle.open(location.directory) {
        case .success(let handle): return handle
        case .failure(let error): throw .noInput("\(location.directory): cannot list the directory: \(error)")
        }
    }
}
