/// A command-line mistake: the program prints it with the usage line and exits with status 2.
struct StressUsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, for example `unknown argument '--foo'`.
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
