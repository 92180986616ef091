/// A failure that `rotor` reports with its own message and exit code.
///
/// ``RotorCommand/main()`` prints `rotor: <message>` on standard error and exits with ``exitCode``.
struct CLIError: Error, CustomStringConvertible {
    /// The process exit status.
    var exitCode: Int32
    /// What went wrong, with the path involved.
    var message: String

    /// `EX_USAGE` (64): bad arguments, or a PATH that does not name one log.
    static func usage(_ message: String) -> CLIError { CLIError(exitCode: 64, message: message) }

    /// `EX_NOINPUT` (66): the log's directory, or the log itself, does not exist.
    static func noInput(_ message: String) -> CLIError { CLIError(exitCode: noInputExitCode, message: message) }

    /// The exit code of ``noInput(_:)``: 66.
    static let noInputExitCode: Int32 = 66

    /// 1: a run-time failure (I/O error, damaged file).
    static func failure(_ message: String) -> CLIError { CLIError(exitCode: 1, message: message) }

    var description: String { message }
}
