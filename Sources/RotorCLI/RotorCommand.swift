import ArgumentParser
import RotorLibc

/// `rotor`: read, follow, check and prune the files a `RotatingFileSink` writes.
@main
struct RotorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotor",
        abstract: "Read, follow, check and prune rotated Rotor logs.",
        discussion: """
            PATH is the active log file (for example logs/app.log). Its archives are the files of \
            the same directory that Rotor's archive naming recognises for it \
            (app.<UTC time>.<NNN>.log and .log.gz); nothing else is read, counted or deleted. \
            PATH may also be a directory that holds exactly one log; verify also takes a \
            directory of several logs (such as per-level files) and checks each.

            Through SwiftPM: `swift package rotor cat|tail|stats|verify ...` needs no permission; \
            prune runs as `swift package rotor-prune PATH ...`, which asks to write to the \
            package directory.

            Exit codes:
              0   success
              1   a check failed, a file is damaged, a line was skipped, or I/O failed
              64  bad arguments (usage error)
              66  the log's directory, or the log itself, does not exist
            """,
        subcommands: [Cat.self, Tail.self, Prune.self, Stats.self, Verify.self]
    )

    /// Parses the command line and runs the command; a ``CLIError`` is printed as
    /// `rotor: <message>` and exits with its code, anything else as argument-parser does.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            StandardError.report(error.message)
            terminate(error.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}

/// `exit(3)`, outside the command type, whose `exit(withError:)` hides the C function.
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
