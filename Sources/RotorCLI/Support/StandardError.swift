/// Standard error, unbuffered.
enum StandardError {
    /// Writes `rotor: <message>` and a newline to standard error.
    static func report(_ message: String) {
        var line = "rotor: \(message)\n"
        line.withUTF8 { OutputBuffer.writeAll(2, UnsafeRawBufferPointer($0)) }
    }
}

