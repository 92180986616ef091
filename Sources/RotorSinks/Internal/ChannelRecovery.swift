#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore
import RotorRotation

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

    /// The name of the file that records the active file's period start.
    static func stateFileName(for name: String) -> String { ".\(name).rotor-state" }

    static func scan(_ path: ResolvedFilePath, naming: any ArchiveNaming, now: LogTimestamp) -> Result {
        var result = Result()
        guard case .success(let names) = POSIX.directoryEntries(path.directory) else { return result }
        let preparedPrefix = ".\(path.name).rotor-next-"
        let stateFile = stateFileName(for: path.name)
        var unswitched: [(order: [Int], name: String)] = []
        for name in names {
            if name.hasPrefix(preparedPrefix) {
                let full = FilePathText.join(path.directory, name)
                if case .success(let info) = POSIX.lstatus(ofPath: full), POSIX.isRegularFile(info), info.st_size > 0 {
                    // "<pid>-<serial>": switch in the order they were prepared.
                    let order = name.dropFirst(preparedPrefix.count).split(separator: "-").map { Int($0) ?? 0 }
                    unswitched.append((order, name))
                } else {
                    POSIX.removeFile(full)
                }
            } else if name == stateFile + ".tmp" {
                POSIX.removeFile(FilePathText.join(path.directory, name))
            } else if let parsed = naming.parse(fileName: name, base: path.name) {
                let full = FilePathText.join(path.directory, name)
                guard case .success(let info) = POSIX.lstatus(ofPath: full), POSIX.isRegularFile(info) else { continue }
                if parsed.state == .compressing {
                    // A compression that a crash interrupted: the source is still there, start again later.
                    POSIX.removeFile(full)
                } else {
                    result.archives.append(ArchiveEntry(name: parsed, bytes: Int64(info.st_size)))
                }
            }
        }
        result.archives.sort(by: ArchiveEntry.inOrder)
        for prepared in unswitched.sorted(by: { $0.order.lexicographicallyPrecedes($1.order) }) {
            guard finishSwitch(of: prepared.name, in: path, naming: naming, now: now, archives: &result.archives)
            else { break }
        }
        if let newest = result.archives.last?.name, newest.state == .plain,
            case .success(let archive) = POSIX.status(ofPath: FilePathText.join(path.directory, newest.fileName)),
            case .success(let active) = POSIX.status(ofPath: path.canonical),
            FileIdentity(archive) == FileIdentity(active)
        {
            POSIX.removeFile(FilePathText.join(path.directory, newest.fileName))
            result.archives.removeLast()
        }
        if let bytes = POSIX.readSmallFile(FilePathText.join(path.directory, stateFile)) {
            result.periodStart = PeriodRecord.parse(bytes)
        }
        return result
    }
}

extension ChannelRecovery {
    /// Finishes a rotation whose names were not switched: gives the active file an archive name
    /// (unless the newest archive already is that file) and renames the prepared file to the
    /// active path. Returns `false` if a system call failed (the files are left as they are).
    private static func finishSwitch(
        of preparedName: String, in path: ResolvedFilePath, naming: any ArchiveNaming, now: LogTimestamp,
        archives: inout [ArchiveEntry]
    ) -> Bool {
        let prepared = FilePathText.join(path.directory, preparedName)
        if case .success(let active) = POSIX.status(ofPath: path.canonical) {
            let alreadyArchived = archives.last.map { newest in
                newest.name.state == .plain
                    && (try? POSIX.status(ofPath: FilePathText.join(path.directory, newest.name.fileName)).get())
                        .map { FileIdentity($0) == FileIdentity(active) } == true
            } ?? false
            if !alreadyArchived {
                var id = ArchiveID.next(after: archives.last?.name.id, now: now)
                var archivePath = FilePathText.join(path.directory, naming.archiveFileName(for: id, base: path.name))
                while POSIX.exists(archivePath) {
                    id = ArchiveID.next(after: id, now: now)
                    archivePath = FilePathText.join(path.directory, naming.archiveFileName(for: id, base: path.name))
                }
                if POSIX.hardLink(path.canonical, archivePath) != nil,
                    POSIX.renameReplacing(path.canonical, archivePath) != nil
                {
                    return false
                }
                archives.append(ArchiveEntry(
                    name: ParsedArchiveName(id: id, state: .plain, fileName: FilePathText.lastComponent(of: archivePath)),
                    bytes: Int64(active.st_size)))
            }
        }
        return POSIX.renameReplacing(prepared, path.canonical) == nil
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

/// The content of the period state file: `period-start <nanoseconds since the epoch>\n`.
enum PeriodRecord {
    static func encode(_ start: LogTimestamp) -> [UInt8] {
        Array("period-start \(start.nanosecondsSinceEpoch)\n".utf8)
    }

    static func parse(_ bytes: [UInt8]) -> LogTimestamp? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("period-start "), text.hasSuffix("\n") else { return nil }
        let number = text.dropFirst("period-start ".count).dropLast()
        return Int64(number).map { LogTimestamp(nanosecondsSinceEpoch: $0) }
    }
}
