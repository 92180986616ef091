import RotorCore
import RotorLibc

/// A destination resolved to a socket address once, when the sink is made.
struct SocketAddress: Sendable {
    /// `AF_UNIX`, `AF_INET` or `AF_INET6`.
    let family: Int32
    /// `SOCK_DGRAM` or `SOCK_STREAM`.
    let type: Int32
    /// The `sockaddr` bytes.
    let bytes: [UInt8]

    /// Resolves `destination`: a Unix path as it is, a host with `getaddrinfo(3)` (the first
    /// address it gives).
    ///
    /// - Throws: ``SyslogError`` `.unresolvedHost` when the host does not resolve.
    init(_ destination: SyslogDestination) throws {
        switch destination {
        case .unixSocket(let path):
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
            }
            family = AF_UNIX
            type = Self.datagram
            bytes = withUnsafeBytes(of: &address) { Array($0) }
        case .udp(let host, let port), .tcp(let host, let port):
            let stream = !destination.isDatagram
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = stream ? Self.stream : Self.datagram
            hints.ai_flags = AI_NUMERICSERV
            var list: UnsafeMutablePointer<addrinfo>?
            let rc = getaddrinfo(host, String(port), &hints, &list)
            guard rc == 0, let first = list else {
                let reason = String(cString: gai_strerror(rc))
                throw SyslogError(.unresolvedHost, "'\(host)' did not resolve: \(reason)", field: "destination")
            }
            defer { freeaddrinfo(list) }
            family = first.pointee.ai_family
            type = stream ? Self.stream : Self.datagram
            bytes = Array(UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
    }

    #if canImport(Glibc)
    static let datagram = Int32(SOCK_DGRAM.rawValue)
    static let stream = Int32(SOCK_STREAM.rawValue)
    #else
    static let datagram = SOCK_DGRAM
    static let stream = SOCK_STREAM
    #endif
}
