#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Unix datagram socket bound at a path, standing in for a syslog daemon's `/dev/log`.
final class DatagramReceiver {
    let path: String
    private var fd: Int32

    /// Binds at `path`; `receiveBuffer` shrinks `SO_RCVBUF` (to fill it quickly).
    init(path: String, receiveBuffer: Int32? = nil) throws {
        self.path = path
        #if canImport(Glibc)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        #else
        fd = socket(AF_UNIX, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else { throw ReceiverError(step: "socket", code: errno) }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard rc == 0 else { throw ReceiverError(step: "bind", code: errno) }
    }

    deinit { close() }

    /// Every datagram that arrives until none has come for `quiet` milliseconds.
    func receiveAll(quiet: Int32 = 300) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 256 << 10)
        while fd >= 0 {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, quiet)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 { if errno == EINTR { continue }; break }
            messages.append(Array(buffer[..<count]))
        }
        return messages
    }

    /// The messages as text.
    func receiveText(quiet: Int32 = 300) -> [String] {
        receiveAll(quiet: quiet).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Closes the socket and removes its path (a sender then gets `ECONNREFUSED`).
    func close() {
        guard fd >= 0 else { return }
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
        fd = -1
        unlink(path)
    }
}

struct ReceiverError: Error {
    var step: String
    var code: Int32
}
