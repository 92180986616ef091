import RotorCore

/// Where a ``SyslogSink`` sends its messages.
///
/// ```swift
/// let local = SyslogDestination.unixSocket(path: "/dev/log")       // the local daemon
/// let central = try SyslogDestination(url: "tcp://logs.example.com:514")
/// ```
public enum SyslogDestination: Sendable, Hashable, CustomStringConvertible {
    /// A Unix datagram socket, such as the local daemon's `/dev/log`. Delivery is reliable (the
    /// kernel refuses a datagram rather than lose it) and each message is one datagram.
    case unixSocket(path: String)
    /// UDP (RFC 5426), one message per datagram. Best effort: a datagram the receiver has no room
    /// for is lost without the sender hearing of it.
    case udp(host: String, port: Int)
    /// TCP with octet-counting framing (RFC 6587 section 3.4.1): `LENGTH SP MESSAGE`.
    case tcp(host: String, port: Int)

    /// The local daemon's socket, `/dev/log`.
    public static var local: Self { .unixSocket(path: "/dev/log") }

    /// The port used when a URL gives none: 514, as RFC 5426 assigns to UDP and as rsyslog and
    /// syslog-ng use for plain TCP.
    public static let defaultPort = 514

    /// Parses a destination URL: `unix:PATH` (or `unix://PATH`), `udp://HOST[:PORT]`,
    /// `tcp://HOST[:PORT]`. An IPv6 address goes in brackets: `udp://[::1]:514`.
    ///
    /// - Throws: ``SyslogError`` `.invalidDestination` for an unknown or unsupported scheme
    ///   (`tls://` is not supported: see the module's documentation), an empty path or host, or a
    ///   port outside `1...65535`.
    public init(url: String) throws {
        func invalid(_ why: String) -> SyslogError {
            SyslogError(.invalidDestination, "'\(url)': \(why)", field: "destination")
        }
        if url.hasPrefix("unix:") {
            var path = Substring(url.dropFirst("unix:".count))
            if path.hasPrefix("//") { path = path.dropFirst(2) }
            guard !path.isEmpty else { throw invalid("no socket path") }
            guard !path.utf8.contains(0) else { throw invalid("the path contains a NUL byte") }
            // sockaddr_un.sun_path holds 108 bytes on Linux, 104 on Darwin, with the final NUL.
            guard path.utf8.count < 104 else { throw invalid("the socket path is longer than 103 bytes") }
            self = .unixSocket(path: String(path))
            return
        }
        guard let schemeEnd = url.firstRange(of: "://") else {
            throw invalid("expected unix:PATH, udp://HOST:PORT or tcp://HOST:PORT")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = url[schemeEnd.upperBound...]
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard scheme == "udp" || scheme == "tcp" else {
            if scheme == "tls" || scheme == "tcp+tls" {
                throw invalid("TLS (RFC 5425) is not supported; relay through a local rsyslog or stunnel")
            }
            throw invalid("unknown scheme '\(scheme)'")
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("unterminated IPv6 address") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty, !host.contains("/"), !host.contains("@") else {
            throw invalid("no host, or a host with a path")
        }
        var port = Self.defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw invalid("the port must be a number in 1...65535")
            }
            port = value
        }
        self = scheme == "udp" ? .udp(host: String(host), port: port) : .tcp(host: String(host), port: port)
    }

    /// The destination as a URL, for reports: `unix:/dev/log`, `udp://127.0.0.1:514`.
    public var description: String {
        switch self {
        case .unixSocket(let path): return "unix:\(path)"
        case .udp(let host, let port): return "udp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        case .tcp(let host, let port): return "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
    }

    /// Whether each message is its own datagram (Unix socket, UDP) rather than part of a stream.
    var isDatagram: Bool {
        if case .tcp = self { return false }
        return true
    }

    /// The largest message the transport itself can carry: a UDP payload over IPv4 (65 535 minus
    /// the IP and UDP headers), unlimited for TCP, and for a Unix socket the kernel's own bound,
    /// found out when a send fails with `EMSGSIZE`.
    var transportLimit: Int {
        if case .udp = self { return 65_507 }
        return Int.max
    }
}
