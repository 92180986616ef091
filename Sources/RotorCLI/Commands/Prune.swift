import ArgumentParser
import RotorCore
import RotorRetention
import RotorRotation
import RotorSystem

/// `rotor prune PATH`: applies Rotor's retention rules (and optionally compression) to a directory.
struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete old archives by Rotor's retention rules, and optionally gzip the rest.",
        discussion: """
            Archives are recognised exactly as the library recognises them (TimestampArchiveNaming, \
            regular files only); the active file and every other file are never touched. A \
            rotation present both as .log and .log.gz counts once and both files go together. \
            The rules are RetentionRules': --keep first, then --max-total over what is kept \
            (always keeping the newest archive), then --max-age.

            Retention runs first, with the sizes on disk now; then, with --compress, each surviving \
            plain archive is gzipped by the library's crash-safe protocol. A file that is not \
            Rotor's compressed copy of an archive but has its .gz name is left alone, reported, \
            and the plain archive kept (the exit status is then 1). Names are never followed \
            through a symbolic link: a link with an archive's name is not an archive.

            A process writing to the log compresses and deletes archives too. prune takes the \
            archives lock of the log's lock file (.<active file>.rotor-lock, beside it) for its \
            whole run: it waits until the writer's archive work is done, and the writer waits for \
            prune, so they never work on the same archives at once. --dry-run prints exactly what \
            a run would delete ("would delete PATH") and compress ("would compress PATH"), \
            changes nothing and takes no lock.
            """)

    @Argument(help: "The active log file (e.g. logs/app.log), or a directory holding one log.")
    var path: String

    @Option(help: ArgumentHelp("Keep the newest N archives (0 keeps none).", valueName: "N"))
    var keep: Int?

    @Option(
        help: ArgumentHelp("Delete archives rotated longer ago than this: 45s, 30m, 12h, 7d, 2w.", valueName: "age"),
        transform: ArgumentParsing.duration)
    var maxAge: Duration?

    @Option(
        help: ArgumentHelp(
            "Delete the oldest archives until the rest take at most this much: 1GiB, 500MiB, 10KiB, or bytes.",
            valueName: "size"),
        transform: ArgumentParsing.byteCount)
    var maxTotal: Int64?

    @Flag(help: "Gzip the archives that are kept but not yet compressed.")
    var compress = false

    @Flag(help: "Print what would be deleted or compressed, and change nothing.")
    var dryRun = false

    @Option(
        help: ArgumentHelp("The current time for --max-age (RFC 3339); for tests.", visibility: .hidden),
        transform: ArgumentParsing.instant)
    var now: Instant?

    func validate() throws {
        guard keep != nil || maxAge != nil || maxTotal != nil || compress else {
            throw ValidationError("give at least one of --keep, --max-age, --max-total or --compress")
        }
        if let keep, keep < 0 { throw ValidationError("--keep must be 0 or more") }
    }

    func run() throws {
        let location = try LogLocation.resolve(path)
        let directory: DirectoryHandle
        switch DirectoryHandle.open(location.directory) {
        case .success(let opened): directory = opened
        case .failure(let error):
            throw CLIError.noInput("\(location.directory): cannot open the log's directory: \(error)")
        }
        // Held until run returns: the writer's compression and retention wait for this command.
        let lock =
            dryRun
            ? nil
            : try ArchivesLock.acquire(for: location, in: directory) {
                StandardError.report(
                    "\(location.activePath): waiting for another process's archive work (lock file \(RotorHiddenFiles(base: location.base).lock))"
                )
            }
        defer { withExtendedLifetime(lock) {} }
        let scan = try LogDirectory.stableScan(location, in: directory)
        let output = OutputBuffer()
        defer { output.flush() }
        var failed = false

        var expiredIDs = Set<ArchiveID>()
        if keep != nil || maxAge != nil || maxTotal != nil {
            let rules: RetentionRules
            do {
                rules = try RetentionRules(keep: keep, maxTotalBytes: maxTotal, maxAge: maxAge)
            } catch {
                throw ValidationError("\(error)")
            }
            let currentTime = LogTimestamp(nanosecondsSinceEpoch: (now ?? Instant.now).nanosecondsSinceEpoch)
            expiredIDs = rules.expired(Self.retentionView(of: scan), now: currentTime)
            for generation in scan.generations where expiredIDs.contains(generation.id) {
                for file in generation.readOrder {  // plain first, then .gz, as ArchiveGeneration lists them
                    let name = location.archiveName(generation.id, file.state)
                    failed = !delete(name, in: directory, location: location, output: output) || failed
                }
            }
        }
        if compress {
            for generation in scan.generations where generation.plain != nil && !expiredIDs.contains(generation.id) {
                failed =
                    !gzip(
                        location.archiveName(generation.id, .plain), in: directory, location: location, output: output)
                    || failed
            }
        }
        if failed {
            output.flush()
            throw ExitCode.failure
        }
    }

    /// The scan's generations as retention sees them: ID and size, counted as
    /// ``ArchiveGeneration/group(_:)`` counts it (the `.gz`'s size when there is one, else the
    /// plain file's; never negative).
    ///
    /// Their ``ArchiveGeneration/files`` are left empty: ``RetentionRules`` decide by ID, time and
    /// size only, and `run` deletes a generation's files by the names the naming gives its ID. So
    /// no name is held per archive (issue 19).
    static func retentionView(of scan: LogDirectory) -> [ArchiveGeneration] {
        scan.generations.map { generation in
            let bytes = generation.compressed?.size ?? generation.plain?.size ?? 0
            return ArchiveGeneration(id: generation.id, files: [], bytes: max(bytes, 0))
        }
    }
}
