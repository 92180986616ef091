import RotorLibc

/// Writes to standard output through a fixed buffer, and to standard error at once.
///
/// Plain `write(2)` on descriptors 1 and 2 (no `FileHandle`, no `print` buffering surprises):
/// output is flushed when the buffer is full, on ``flush()`` and when the value is deinitialised.
final class OutputBuffer {
    /// The buffer's capacity: 64 KiB.
    static let capacity = 64 * 1024

    private var bytes: [UInt8] = []
    private let fd: Int32

    /// A buffer over standard output.
    init(fd: Int32 = 1) {
        self.fd = fd
        bytes.reserveCapacity(Self.capacity)
    }

    deinit { flush() }

    /// Appends raw bytes.
    func write(_ data: UnsafeRawBufferPointer) {
        if bytes.count + data.count > Self.capacity { flush() }
        if data.count >= Self.capacity {
            Self.writeAll(fd, data)
        } else {
            bytes.append(contentsOf: data)
        }
    }

    /// Appends the bytes of an array.
    func write(_ data: [UInt8]) {
        data.withUnsafeBytes { write($0) }
    }

    /// Appends the UTF-8 of `text`.
    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `text` and a newline.
    func writeLine(_ text: String) {
        var text = text
        text.withUTF8 { writeLine(UnsafeRawBufferPointer($0)) }
    }

    /// Appends raw bytes and a newline.
    ///
    /// A line and its newline always leave the buffer together: a line too long to buffer is
    /// written at once, followed by its newline, before this returns. So standard output never
    /// ends in a partial line when something is then written to standard error (on a terminal,
    /// the message would be glued to the end of the line).
    func writeLine(_ data: UnsafeRawBufferPointer) {
        if bytes.count + data.count + 1 > Self.capacity { flush() }
        if data.count + 1 > Self.capacity {
            Self.writeAll(fd, data)
            withUnsafeBytes(of: UInt8(ascii: "\n")) { Self.writeAll(fd, $0) }
        } else {
            bytes.append(contentsOf: data)
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// Writes out what is buffered.
    func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { Self.writeAll(fd, $0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// `write(2)` until every byte is out, retrying `EINTR`; other errors drop the rest (a closed
    /// pipe ends the process through `SIGPIPE` anyway).
    static func writeAll(_ fd: Int32, _ data: UnsafeRawBufferPointer) {
        guard var base = data.baseAddress else { return }
        var remaining = data.count
        while remaining > 0 {
            let n = posixWrite(fd, base, remaining)
            if n > 0 {
                remaining -= n
                base += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// `write(2)`, outside any type so that the name is the C function's.
private func posixWrite(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, base, count)
}
