/// Standard error, unbuffered.
enum StandardError {
    /// Writes `rotor: <message>` and a newline to standard error.
    static func report(_ message: String) {
        var line = "rotor: \(message)\n"
        line.withUTF8 { OutputBuffer.writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    /// Writes out what `output` holds, then reports `message`: on a terminal, where both streams
    /// show, the message then comes after the lines printed before it, on a line of its own.
    static func report(_ message: String, after output: OutputBuffer) {
        output.flush()
        report(message)
    }
}
