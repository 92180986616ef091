import ArgumentParser

/// `rotor tail [-f] PATH`: the last records, then (with `-f`) new ones across rotations.
struct Tail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the last records of a log and, with -f, follow it across rotations.",
        discussion: """
            The last N records are taken from the active file and, when it holds fewer, from the \
            newest archives (plain or .gz).

            With -f, tail keeps reading. When Rotor rotates the file, tail reads the renamed file \
            to its end, reads any archive made in between, then continues with the new active \
            file from its start: no record is missed or repeated. SIGINT or SIGTERM stop it with \
            exit status 0.
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
        let location = try LogLocation.resolve(path)
        if follow { SignalTrap.install() }
        let snapshot = try LogSnapshot.take(location)
        guard follow || snapshot.activeDescriptor != nil || !snapshot.directory.generations.isEmpty else {
            throw CLIError.noInput("\(location.activePath): no such log (no active file and no archive)")
        }
        var end: Int64 = 0
        if let fd = snapshot.activeDescriptor {
            let size = snapshot.activeInfo?.size ?? 0
            end = follow ? try Backlog.endOfLastCompleteLine(fd, path: location.activePath, end: size) : size
        }
        let printer = RecordPrinter(output: OutputBuffer(), options: output)
        let lines = try Backlog.lastLines(
            of: snapshot, activePath: location.activePath, count: count, activeEnd: end, maxLineBytes: output.maxLineBytes)
        for entry in lines {
            entry.bytes.withUnsafeBytes { bytes in
                printer.print(Line(bytes: bytes, number: entry.number, isTerminated: true, isOversize: entry.isOversize), of: entry.path)
            }
        }
        guard follow else {
            printer.output.flush()
            if let fd = snapshot.activeDescriptor { FileSystem.close(fd) }
            return
        }
        let follower = Follower(
            snapshot: snapshot, offset: end, location: location, printer: printer,
            pollInterval: .milliseconds(pollInterval), maxLineBytes: output.maxLineBytes)
        try follower.run()
    }
}
