/// The acknowledgement file could not be set up.
struct AckFileError: Error, CustomStringConvertible {
    /// The system call that failed.
    var call: String
    /// The file.
    var path: String
    /// The `errno` value.
    var code: Int32

    var description: String { "cannot set up the ack file \(path): \(call) failed with errno \(code)" }
}
