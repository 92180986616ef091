import ArgumentParser

/// `rotor tail [-f] PATH`: the last records, then (with `-f`) new ones across rotations.
struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the last records of a log and, with -f, follow it across rotations.",
        discussion: """
            The last N records are taken from the active file and, when it holds fewer, from the \
            newest archives (plain or .gz). A line longer than the limit (16 MiB) is skipped with a \
            warning and makes the exit status 1.

            With -f, tail keeps reading. When Rotor rotates the file, tail reads the renamed file \
            to its end, reads any archive made in between, then continues with the new active \
            file from its start: no record is missed or repeated. Like tail -F, it waits for a log \
            that does not exist yet, even its directory, then prints it from its start and follows it. \
            SIGINT or SIGTERM stop it with exit status 0.
            """)

    @Argument(help: "The active log file (e.g. logs/app.log), or a directory holding one log.")
    var path: String

    @Option(name: [.customShort("n"), .customLong("lines")], help: "How many of the last records to print.")
    var count = 10

    @Flag(name: [.short, .customLong("follow")], help: "Keep printing records as they are written, across rotations.")
    var follow = false

    @Option(help: ArgumentHelp("Milliseconds between checks for new data when following.", visibility: .hidden))
    var pollInterval = 100

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard count >= 0 else { throw ValidationError("-n/--lines must be 0 or more") }
        guard pollInterval > 0 else { throw ValidationError("--poll-interval must be positive") }
    }

    func run() throws {
        if follow { SignalTrap.install() }
        var waiting = false
        guard let location = try resolveLocation(waiting: &waiting) else { return }  // stopped while waiting
        var snapshot = try LogSnapshot.take(location)
        if waiting {
            // The log appeared after tail started: all of it is new, so the follower reads it from
            // its start (its archives, then the active file) instead of printing a backlog.
            if let fd = snapshot.activeDescriptor { FileSystem.close(fd) }
            snapshot = LogSnapshot(directory: LogDirectory(location: location), activeDescriptor: nil, activeInfo: nil)
        }
        let exists = snapshot.activeDescriptor != nil || !snapshot.directory.generations.isEmpty
        guard follow || exists else {
            throw CLIError.noInput("\(location.activePath): no such log (no active file and no archive)")
        }
        if !exists && !waiting {
            StandardError.report("\(location.activePath) does not exist yet; waiting for it to appear")
        }
        var end: Int64 = 0
        if let fd = snapshot.activeDescriptor {
            let size = snapshot.activeInfo?.size ?? 0
            end = follow ? try Backlog.endOfLastCompleteLine(fd, path: location.activePath, end: size) : size
        }
        let printer = RecordPrinter(output: OutputBuffer(), options: output)
        let lines = try Backlog.lastLines(
            of: snapshot, activePath: location.activePath, count: count, activeEnd: end,
            maxLineBytes: output.maxLineBytes)
        for entry in lines {
            entry.bytes.withUnsafeBytes { bytes in
                printer.print(
                    Line(bytes: bytes, number: entry.number, isTerminated: true, isOversize: entry.isOversize),
                    of: entry.path)
            }
        }
        guard follow else {
            printer.output.flush()
            if let fd = snapshot.activeDescriptor { FileSystem.close(fd) }
            if printer.skippedLines > 0 { throw ExitCode.failure }
            return
        }
        let follower = Follower(
            snapshot: snapshot, offset: end, location: location, printer: printer,
            pollInterval: .milliseconds(pollInterval), maxLineBytes: output.maxLineBytes)
        try follower.run()
    }

    /// Resolves PATH; with `-f`, waits (as `tail -F` does) while the log's directory does not
    /// exist or is not a directory, reporting it once.
    ///
    /// - Parameter waiting: Set when it waited (and said so on standard error).
    /// - Returns: The log, or `nil` when `SIGINT` or `SIGTERM` arrived while waiting.
    private func resolveLocation(waiting reported: inout Bool) throws(CLIError) -> LogLocation? {
        guard follow else { return try LogLocation.resolve(path) }
        while true {
            do {
                return try LogLocation.resolve(path)
            } catch  where error.exitCode == CLIError.noInputExitCode {
                if !reported {
                    StandardError.report("\(error.message); waiting for \(path) to appear")
                    reported = true
                }
            }
            if SignalTrap.stopRequested { return nil }
            SignalTrap.sleep(.milliseconds(pollInterval))
        }
    }
}
