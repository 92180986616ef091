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
/// - prepared next files (`.app.log.rotor-next-*`) are removed: they are only written to after they
///   have become the active file, so a leftover one is empty;
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

    static func scan(_ path: ResolvedFilePath, naming: any ArchiveNaming) -> Result {
        var result = Result()
        guard case .success(let names) = POSIX.directoryEntries(path.directory) else { return result }
        let preparedPrefix = ".\(path.name).rotor-next-"
        let stateFile = stateFileName(for: path.name)
        for name in names {
            if name.hasPrefix(preparedPrefix) || name == stateFile + ".tmp" {
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
