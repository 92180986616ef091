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
/// compact ``Generation`` of 48 bytes (its ID, the size of each of its files, the plain file's
/// device and inode), never by name: a file's name is rebuilt from its ID when needed, with the
/// library's ``ArchiveNaming/fileName(for:base:state:)``, which the ``ArchiveNaming`` contract
/// makes the exact inverse of `parse`. A scan of N archives peaks at about 48 bytes per file found
/// (twice that while its array grows, plus the sort's buffer) and holds 48 per archive once done;
/// ``stableScan(_:in:)`` keeps only the previous listing's IDs (16 bytes per archive) meanwhile.
/// Only the ``oddities`` keep names, and only so many as there are odd entries.
struct LogDirectory {
    /// A regular file recognised as an archive: its state and its size when scanned. Its name is
    /// ``LogLocation/archiveName(_:_:)`` of its generation's ID and its state.
    struct ArchiveFile {
        /// `.plain` or `.compressed`.
        var state: ArchiveFileState
        var size: Int64
    }

    /// One rotation's archive: the plain file, the `.gz`, or both (an interrupted compression).
    ///
    /// 48 bytes: the ID, each file's size (-1 when absent), and the plain file's device and inode;
    /// no name (see ``LogDirectory``).
    struct Generation {
        var id: ArchiveID
        private var plainSize: Int64 = -1
        private var compressedSize: Int64 = -1
        /// The plain file's device and inode at scan time (they tell hard links of one file apart).
        private var plainDevice: UInt64 = 0
        private var plainInode: UInt64 = 0

        init(id: ArchiveID) { self.id = id }

        /// A generation of one file, `info` being its `lstat`.
        init(id: ArchiveID, state: ArchiveFileState, info: FileSystem.Info) {
            self.id = id
            add(state: state, info: info)
        }

        /// The plain file, if listed.
        var plain: ArchiveFile? { plainSize >= 0 ? ArchiveFile(state: .plain, size: plainSize) : nil }
        /// The `.gz` file, if listed.
        var compressed: ArchiveFile? {
            compressedSize >= 0 ? ArchiveFile(state: .compressed, size: compressedSize) : nil
        }

        /// The files to read the generation from, in order of preference: the plain file first.
        ///
        /// When both exist, compression was interrupted after the `.gz` was written and before the
        /// source was removed; the plain file is the source, always complete, whereas the `.gz` is
        /// only trusted by the library once checked against it. If the plain file disappears
        /// before it is opened (a compression finished meanwhile), the `.gz` is read instead.
        var readOrder: [ArchiveFile] { [plain, compressed].compactMap { $0 } }

        /// Whether the plain file, as scanned, is the file `info` describes (device and inode).
        func plainIsSameFile(as info: FileSystem.Info) -> Bool {
            plainSize >= 0 && plainDevice == info.device && plainInode == info.inode
        }

        /// Records the file in `state` (`.plain` or `.compressed`) that `info` describes.
        mutating func add(state: ArchiveFileState, info: FileSystem.Info) {
            let size = max(info.size, 0)
            if state == .plain {
                plainSize = size
                plainDevice = info.device
                plainInode = info.inode
            } else {
                compressedSize = size
            }
        }

        /// Takes over the files `other` (of the same ID) lists.
        mutating func merge(_ other: Generation) {
            if other.plainSize >= 0 {
                plainSize = other.plainSize
                plainDevice = other.plainDevice
                plainInode = other.plainInode
            }
            if other.compressedSize >= 0 { compressedSize = other.compressedSize }
        }
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

    /// Whether this scan lists exactly the archive IDs `ids`, in order.
    func hasArchives(_ ids: [ArchiveID]) -> Bool {
        generations.elementsEqual(ids) { $0.id == $1 }
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
    static func stableScan(_ location: LogLocation, in handle: DirectoryHandle? = nil) throws(CLIError) -> LogDirectory
    {
        let handle = if let handle { handle } else { try open(location) }
        // Only the IDs of the previous listing are kept (16 bytes an archive), not the whole scan.
        var next = try scan(location, in: handle)
        for _ in 0..<20 {
            let previousIDs = next.generations.map(\.id)
            next = LogDirectory(location: location)  // released before the next listing
            next = try scan(location, in: handle)
            if next.hasArchives(previousIDs) { break }
        }
        return next
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
        var generations: [Generation] = []  // one per file until grouped
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
                    generations.append(Generation(id: parsed.id, state: parsed.state, info: info))
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
        group(&generations)
        scan.generations = generations
        return scan
    }

    /// Sorts one-file generations by ID and merges those of one ID (a plain file and its `.gz`),
    /// in place.
    private static func group(_ generations: inout [Generation]) {
        generations.sort { $0.id < $1.id }
        var last = -1
        for index in generations.indices {
            if last >= 0 && generations[last].id == generations[index].id {
                generations[last].merge(generations[index])
            } else {
                last += 1
                generations[last] = generations[index]
            }
        }
        generations.removeLast(generations.count - (last + 1))
    }

    /// Opens the log's directory for a scan.
    private static func open(_ location: LogLocation) throws(CLIError) -> DirectoryHandle {
        switch DirectoryHandle.open(location.directory) {
        case .success(let handle): return handle
        case .failure(let error): throw .noInput("\(location.directory): cannot list the directory: \(error)")
        }
    }
}
