import CRotorSyslog
import RotorCore
import RotorLibc

/// The system calls of the syslog transport, on non-blocking sockets, each looping over `EINTR`.
enum SyslogSocket {
    /// What a send did.
    enum SendResult {
        /// The kernel took this many bytes (all of a datagram; some or all of a stream's).
        case sent(Int)
        /// The socket buffer (or, for a Unix datagram, the receiver's queue) is full.
        case wouldBlock
        /// The send failed.
        case failed(SystemCallError)
    }

    /// What became of the peer of a stream socket.
    enum PeerState {
        /// Nothing to read: the connection is up as far as anyone knows.
        case open
        /// The peer closed its side (end of file).
        case closed
        /// The connection is gone with an error (`ECONNRESET` and the like).
        case reset(SystemCallError)
    }

    #if canImport(Darwin)
    private static let sendFlags: Int32 = 0
    #else
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif

    /// Opens a non-blocking, close-on-exec socket and connects it to `address`, waiting for a
    /// TCP handshake up to `timeout`.
    static func connect(_ address: SocketAddress, timeout: Duration) -> Result<Int32, SystemCallError> {
        let fd = socket(address.family, address.type, 0)
        guard fd >= 0 else { return .failure(.current) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        #if canImport(Darwin)
        var on: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var rc: Int32 = 0
        address.bytes.withUnsafeBytes { raw in
            rc = Glibc_connect(fd, raw)
        }
        if rc != 0 {
            let error = errno
            // A non-blocking connect interrupted by a signal goes on in the background, as
            // EINPROGRESS does; both are settled by waiting for the socket to become writable.
            guard error == EINPROGRESS || error == EINTR else {
                close(fd)
                return .failure(SystemCallError(rawValue: error))
            }
            switch wait(fd, for: Int16(POLLOUT), timeout: timeout) {
            case .failure(let failure):
                close(fd)
                return .failure(failure)
            case .success(false):
                close(fd)
                return .failure(SystemCallError(rawValue: ETIMEDOUT))
            case .success(true):
                var soError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                if soError != 0 {
                    close(fd)
                    return .failure(SystemCallError(rawValue: soError))
                }
            }
        }
        return .success(fd)
    }

    private static func Glibc_connect(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32 {
        raw.withMemoryRebound(to: sockaddr.self) { address in
            #if canImport(Glibc)
            Glibc.connect(fd, address.baseAddress, socklen_t(raw.count))
            #elseif canImport(Musl)
            Musl.connect(fd, address.baseAddress, socklen_t(raw.count))
            #else
            Darwin.connect(fd, address.baseAddress, socklen_t(raw.count))
            #endif
        }
    }

    /// One `send(2)`, retried on `EINTR`.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> SendResult {
        while true {
            #if canImport(Glibc)
            let sent = Glibc.send(fd, bytes.baseAddress, bytes.count, sendFlags)
            #elseif canImport(Musl)
            let sent = Musl.send(fd, bytes.baseAddress, bytes.count, sendFlags)
            #else
            let sent = Darwin.send(fd, bytes.baseAddress, bytes.count, sendFlags)
            #endif
            if sent >= 0 { return .sent(sent) }
            let error = errno
            if error == EINTR { continue }
            if error == EAGAIN || error == EWOULDBLOCK { return .wouldBlock }
            return .failed(SystemCallError(rawValue: error))
        }
    }

    /// Waits up to `timeout` for `events` on `fd`: `true` when ready (or when the socket has an
    /// error or hang-up to report, which the next call will return), `false` on timeout.
    static func wait(_ fd: Int32, for events: Int16, timeout: Duration) -> Result<Bool, SystemCallError> {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = max(.zero, deadline - ContinuousClock.now)
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let milliseconds = Int32(clamping: (left.clampedNanoseconds + 999_999) / 1_000_000)
            let rc = poll(&entry, 1, milliseconds)
            if rc > 0 { return .success(true) }
            if rc == 0 {
                if ContinuousClock.now >= deadline { return .success(false) }
                continue
            }
            if errno == EINTR { continue }
            return .failure(.current)
        }
    }

    /// Whether the peer of stream socket `fd` has closed or reset the connection. A syslog
    /// receiver never sends, so anything readable is an end of file or an error.
    static func peerState(_ fd: Int32) -> PeerState {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let rc = poll(&entry, 1, 0)
            if rc == 0 { return .open }
            if rc < 0 {
                if errno == EINTR { continue }
                return .open
            }
            break
        }
        var byte: UInt8 = 0
        while true {
            let read = recv(fd, &byte, 1, Int32(MSG_DONTWAIT))
            if read == 0 { return .closed }
            if read > 0 { return .open }  // Unexpected data from the receiver: ignore it.
            let error = errno
            if error == EINTR { continue }
            if error == EAGAIN || error == EWOULDBLOCK { return .open }
            return .reset(SystemCallError(rawValue: error))
        }
    }

    /// The bytes the peer has not acknowledged and its advertised window (see
    /// `rotor_syslog_tcp_progress`), or `nil` where the system does not say.
    static func progress(_ fd: Int32) -> (unacknowledged: Int, window: Int?)? {
        var progress = rotor_tcp_progress()
        guard rotor_syslog_tcp_progress(fd, &progress) == 0 else { return nil }
        return (Int(progress.unacknowledged), progress.peerWindow >= 0 ? Int(progress.peerWindow) : nil)
    }

    /// Half-closes a stream: `shutdown(SHUT_WR)`, the end of file the receiver reads.
    static func shutdownWriting(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Closes `fd` (once: `EINTR` from `close(2)` is not retried, as on Linux the descriptor is
    /// already released).
    static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #elseif canImport(Musl)
        _ = Musl.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }
}
