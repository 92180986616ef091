import RotorCompression
import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem

/// What a rotating file's directory says about earlier runs, read once when the file is opened.
///
/// The scan also finishes or cleans up what a run killed mid-rotation left behind:
/// - an empty prepared next file (`.app.log.rotor-next-*`) is removed; a non-empty one holds the
///   newest records of a rotation whose names were not switched yet (see ``PendingNames``), so
///   the switch is finished: the active file becomes an archive (unless it already has its
///   archive name) and the prepared file becomes the active file;
/// - half-written compressed archives (`….gz.tmp`) are removed; their source is still there and is
///   compressed again by the archive pipeline;
/// - an archive that is a second name of the active file (the run died between `link` and `rename`)
///   is removed, so its records stay in the active file only and are not duplicated;
/// - the recorded start of the active file's period is read from `.app.log.rotor-state`.
enum ChannelRecovery {
    struct Result {
        var archives: [ArchiveEntry] = []
        var periodStart: LogTimestamp?
    }

    /// - Parameter holdsArchivesLock: Whether the caller holds the cross-process archives lock:
    ///   only then are half-written compressions removed (otherwise they may be another process's
    ///   compression in progress, or `rotor prune`'s; the compression of their source removes them
    ///   under that lock anyway).
    static func scan(
        _ path: ResolvedFilePath, in directory: DirectoryHandle, naming: any ArchiveNaming, now: LogTimestamp,
        holdsArchivesLock: Bool
    ) -> Result {
        var result = Result()
        guard case .success(let names) = directory.entries() else { return result }
        let hidden = RotorHiddenFiles(base: path.name)
        var unswitched: [(order: [Int], name: String)] = []
        for name in names {
            if name.hasPrefix(hidden.preparedPrefix) {
                if case .success(let info) = directory.status(of: name), POSIX.isRegularFile(info), info.st_size > 0 {
                    // "<pid>-<serial>": switch in the order they were prepared.
                    let order = name.dropFirst(hidden.preparedPrefix.count).split(separator: "-").map { Int($0) ?? 0 }
                    unswitched.append((order, name))
                } else {
                    directory.remove(name)
                }
            } else if name == hidden.stateTemporary {
                directory.remove(name)
            } else if let archive = archiveFile(named: name, in: directory, naming: naming, base: path.name) {
                if archive.name.state == .compressing {
                    // A compression that a crash interrupted: the source is still there, start again later.
                    if holdsArchivesLock { directory.remove(name) }
                } else {
                    result.archives.append(archive)
                }
            }
        }
        result.archives.sort(by: ArchiveEntry.inOrder)
        if holdsArchivesLock { resolveInterruptedCompressions(in: directory, archives: &result.archives) }
        for prepared in unswitched.sorted(by: { $0.order.lexicographicallyPrecedes($1.order) }) {
            guard
                finishSwitch(
                    of: prepared.name, in: directory, path: path, naming: naming, now: now,
                    archives: &result.archives)
            else { break }
        }
        if let newest = result.archives.last?.name, newest.state == .plain,
            case .success(let archive) = directory.status(of: newest.fileName),
            case .success(let active) = directory.status(of: path.name),
            FileIdentity(archive) == FileIdentity(active)
        {
            directory.remove(newest.fileName)
            result.archives.removeLast()
        }
        if let bytes = directory.readSmallFile(hidden.state) {
            result.periodStart = PeriodRecord.parse(bytes)?.periodStart
        }
        return result
    }
}

extension ChannelRecovery {
    /// A generation present both plain and compressed: a compression that a crash interrupted
    /// after its rename, before the source was removed. If the compressed file is intact and holds
    /// exactly the plain one's bytes, the plain one goes, so that no tool counts the generation
    /// twice; otherwise (a foreign file with the compressed name) both stay.
    private static func resolveInterruptedCompressions(in directory: DirectoryHandle, archives: inout [ArchiveEntry]) {
        let gzip = GzipCompressor()
        let compressed = Set(archives.lazy.filter { $0.name.state == .compressed }.map(\.name.id))
        let pairs = archives.filter { $0.name.state == .plain && compressed.contains($0.name.id) }
        for plain in pairs {
            guard
                (try? ArchiveCompression.compressArchive(named: plain.name.fileName, in: directory, using: gzip)) != nil
            else { continue }
            archives.removeAll { $0.name == plain.name }
        }
    }

    /// The archives of the active file `base` in `directory`, oldest first: regular files whose
    /// names `naming` recognises, without half-written compressions.
    static func listArchives(
        of base: String, in directory: DirectoryHandle, naming: any ArchiveNaming
    ) -> [ArchiveEntry] {
        guard case .success(let names) = directory.entries() else { return [] }
        var archives: [ArchiveEntry] = []
        for name in names {
            guard let archive = archiveFile(named: name, in: directory, naming: naming, base: base),
                archive.name.state != .compressing
            else { continue }
            archives.append(archive)
        }
        return archives.sorted(by: ArchiveEntry.inOrder)
    }

    /// The archive `name` is, if `naming` recognises it for `base` and it is a regular file: a link
    /// or anything else with an archive's name is not Rotor's.
    static func archiveFile(
        named name: String, in directory: DirectoryHandle, naming: any ArchiveNaming, base: String
    ) -> ArchiveEntry? {
        guard let parsed = naming.parse(fileName: name, base: base),
            case .success(let info) = directory.status(of: name), POSIX.isRegularFile(info)
        else { return nil }
        return ArchiveEntry(name: parsed, bytes: Int64(info.st_size))
    }

    /// Finishes a rotation whose names were not switched: gives the active file an archive name
    /// (unless the newest archive already is that file) and renames the prepared file to the
    /// active path. Returns `false` if a system call failed (the files are left as they are).
    private static func finishSwitch(
        of preparedName: String, in directory: DirectoryHandle, path: ResolvedFilePath, naming: any ArchiveNaming,
        now: LogTimestamp, archives: inout [ArchiveEntry]
    ) -> Bool {
        if case .success(let active) = directory.status(of: path.name) {
            // A link or other foreign thing at the active name is never archived, nor replaced.
            guard POSIX.isRegularFile(active) else { return false }
            let alreadyArchived =
                archives.last.map { newest in
                    newest.name.state == .plain
                        && (try? directory.status(of: newest.name.fileName).get())
                            .map { FileIdentity($0) == FileIdentity(active) } == true
                } ?? false
            if !alreadyArchived {
                var id = ArchiveID.next(after: archives.last?.name.id, now: now)
                var archiveName = naming.archiveFileName(for: id, base: path.name)
                while directory.exists(archiveName) {
                    // Every later name is taken (names end in year 9999): the files stay as they are.
                    guard let successor = id.successor else { return false }
                    id = successor
                    archiveName = naming.archiveFileName(for: id, base: path.name)
                }
                if directory.link(path.name, as: archiveName) != nil,
                    directory.renameWithoutReplacing(path.name, to: archiveName) != nil
                {
                    return false
                }
                archives.append(
                    ArchiveEntry(
                        name: ParsedArchiveName(id: id, state: .plain, fileName: archiveName),
                        bytes: Int64(active.st_size)))
            }
        }
        return directory.rename(preparedName, to: path.name) == nil
    }
}

extension ArchiveFileState {
    /// Plain before compressing before compressed, for a stable order within one generation.
    var sortOrder: Int {
        switch self {
        case .plain: 0
        case .compressing: 1
        case .compressed: 2
        }
    }
}
