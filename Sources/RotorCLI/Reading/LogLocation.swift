import RotorCore
import RotorRotation
import RotorSystem

/// Where a log lives: its directory and the active file's name, resolved from the PATH argument.
///
/// PATH is normally the active file (`logs/app.log`); the file itself need not exist (its archives
/// may). PATH may also be a directory that holds exactly one log: the active file is then the one
/// base name that the directory's archives and `*.log` files point to; `verify` also takes a
/// directory of several logs (``resolveAll(_:)``).
struct LogLocation {
    /// The directory as the user wrote it (`.` when PATH has no `/`).
    var directory: String
    /// The active file's name, the `base` of ``ArchiveNaming/parse(fileName:base:)``.
    var base: String

    /// The active file's path: ``directory`` joined with ``base``.
    var activePath: String { FileSystem.join(directory, base) }

    /// The path of an entry of the directory.
    func path(of name: String) -> String { FileSystem.join(directory, name) }

    /// The file name of archive `id` of this log in `state`, by the library's naming: the exact
    /// name that ``ArchiveNaming/parse(fileName:base:)`` recognised it by.
    func archiveName(_ id: ArchiveID, _ state: ArchiveFileState) -> String {
        ArchiveNames.naming.fileName(for: id, base: base, state: state)
    }

    /// The path of archive `id` of this log in `state` (see ``archiveName(_:_:)``).
    func archivePath(_ id: ArchiveID, _ state: ArchiveFileState) -> String { path(of: archiveName(id, state)) }

    /// Resolves a PATH argument.
    ///
    /// - Throws: ``CLIError`` `.noInput` (66) when the directory does not exist or is not a
    ///   directory; `.usage` (64) when PATH is empty, or a directory holding no log or several.
    static func resolve(_ argument: String) throws(CLIError) -> LogLocation {
        var path = argument
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard !path.isEmpty else { throw .usage("PATH is empty; pass the active log file, e.g. logs/app.log") }
        if case .success(let info) = FileSystem.info(path), info.isDirectory {
            return try discover(in: path)
        }
        let directory: String
        let base: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
            base = String(path[path.index(after: slash)...])
        } else {
            directory = "."
            base = path
        }
        guard base != ".", base != ".." else { throw .usage("\(argument): PATH must name the active log file") }
        switch FileSystem.info(directory) {
        case .success(let info) where info.isDirectory:
            return LogLocation(directory: directory, base: base)
        case .success:
            throw .noInput("\(directory): not a directory")
        case .failure(let error):
            throw .noInput("\(directory): cannot open the log's directory: \(error)")
        }
    }

    /// Resolves a PATH argument that may name a directory of several logs, for `verify`.
    ///
    /// - Returns: Every log of the directory, sorted by active file name, when PATH is a
    ///   directory; otherwise the one log ``resolve(_:)`` finds.
    /// - Throws: ``CLIError`` as ``resolve(_:)`` does, except for a directory holding several logs.
    static func resolveAll(_ argument: String) throws(CLIError) -> [LogLocation] {
        var path = argument
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard case .success(let info) = FileSystem.info(path), info.isDirectory else { return [try resolve(argument)] }
        let bases = try bases(in: path)
        guard !bases.isEmpty else { throw noLog(in: path) }
        return bases.map { LogLocation(directory: path, base: $0) }
    }

    /// Finds the one log in `directory`.
    private static func discover(in directory: String) throws(CLIError) -> LogLocation {
        let sorted = try bases(in: directory)
        switch sorted.count {
        case 1:
            return LogLocation(directory: directory, base: sorted[0])
        case 0:
            throw noLog(in: directory)
        default:
            throw .usage(
                "\(directory) holds several logs (\(sorted.joined(separator: ", "))); pass the active file's path, e.g. \(FileSystem.join(directory, sorted[0]))"
            )
        }
    }

    /// The active file names of the logs in `directory`, sorted: the bases its archives name, and
    /// its regular `*.log` files (not hidden).
    private static func bases(in directory: String) throws(CLIError) -> [String] {
        let handle: DirectoryHandle
        switch DirectoryHandle.open(directory) {
        case .success(let opened): handle = opened
        case .failure(let error): throw .noInput("\(directory): cannot list the directory: \(error)")
        }
        var bases = Set<String>()
        let failure = FileSystem.forEachEntry(ofDirectory: handle.descriptor) { name in
            if let base = ArchiveNames.base(ofArchive: name) {
                bases.insert(base)
            } else if !name.hasPrefix("."), name.hasSuffix(".log"),
                case .success(let info) = FileSystem.linkInfo(of: name, inDirectory: handle.descriptor), info.isRegular
            {
                bases.insert(name)
            }
        }
        if let failure { throw .noInput("\(directory): cannot list the directory: \(failure)") }
        return bases.sorted()
    }

    private static func noLog(in directory: String) -> CLIError {
        .usage("\(directory) holds no Rotor log (no *.log file, no archive); pass the active file's path")
    }
}
