/// Why `swift package rotor …` failed.
enum RotorPluginError: Error, CustomStringConvertible {
    /// The `rotor` tool exited with a non-zero status (or was killed by a signal).
    case toolFailed(arguments: [String], status: Int32, signalled: Bool)
    /// The subcommand changes files (`prune`, with these arguments): it runs through
    /// `swift package rotor-prune`, which asks for permission to write.
    case writingSubcommand([String])

    var description: String {
        switch self {
        case .toolFailed(let arguments, let status, let signalled):
            let command = (["rotor"] + arguments).joined(separator: " ")
            return signalled
                ? "'\(command)' was killed by signal \(status)" : "'\(command)' exited with status \(status)"
        case .writingSubcommand(let arguments):
            let command = (["swift", "package", "rotor-prune"] + arguments).joined(separator: " ")
            return """
                'rotor prune' deletes and compresses files, and 'swift package rotor' may only read. Run: \(command)
                (SwiftPM asks for permission to write to the package directory; where it cannot ask, \
                add --allow-writing-to-package-directory before rotor-prune)
                """
        }
    }
}
