/// Why `swift package rotor-prune …` failed.
enum RotorPrunePluginError: Error, CustomStringConvertible {
    /// The `rotor` tool exited with a non-zero status (or was killed by a signal).
    case toolFailed(arguments: [String], status: Int32, signalled: Bool)

    var description: String {
        switch self {
        case .toolFailed(let arguments, let status, let signalled):
            let command = (["rotor"] + arguments).joined(separator: " ")
            return signalled
                ? "'\(command)' was killed by signal \(status)" : "'\(command)' exited with status \(status)"
        }
    }
}
