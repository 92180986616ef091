import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The `rsyslogd` binary, or `nil` when rsyslog is not installed (`apt-get install rsyslog`).
let rsyslogdBinary: String? = ["/usr/sbin/rsyslogd", "/sbin/rsyslogd", "/usr/local/sbin/rsyslogd"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// A private rsyslogd for one test: its own configuration, work directory, Unix socket, UDP and
/// TCP ports on 127.0.0.1, writing every message's raw text, one per line, to `output`.
///
/// The main queue is direct (each message is written by the input thread that received it), so
/// what rsyslogd acknowledged reading is in the file. `stop()` or the deinitialiser kills it.
final class Rsyslogd {
    let directory: String
    let socketPath: String
    let output: String
    let tcpPort: Int
    let udpPort: Int
    private var process: Process?

    init(directory: String) throws {
        self.directory = directory
        socketPath = directory + "/log.sock"
        output = directory + "/received.log"
        tcpPort = try Self.freePort(stream: true)
        udpPort = try Self.freePort(stream: false)
        let configuration = """
            global(workDirectory="\(directory)" maxMessageSize="64k")
            module(load="imuxsock" SysSock.Use="off")
            module(load="imtcp" MaxSessions="100")
            module(load="imudp")
            main_queue(queue.type="Direct")
            input(type="imuxsock" Socket="\(socketPath)" RateLimit.Interval="0" CreatePath="on")
            input(type="imtcp" address="127.0.0.1" port="\(tcpPort)")
            input(type="imudp" address="127.0.0.1" port="\(udpPort)" rcvbufSize="8m")
            template(name="raw" type="string" string="%rawmsg%\\n")
            action(type="omfile" file="\(output)" template="raw")
            """
        try configuration.write(toFile: directory + "/rsyslog.conf", atomically: true, encoding: .utf8)
    }

    deinit { stop() }

    /// Starts the daemon and waits (up to 10 s) until its socket and TCP port accept.
    func start() throws {
        guard let binary = rsyslogdBinary else { throw DaemonError("rsyslogd is not installed") }
        unlink(socketPath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-n", "-f", directory + "/rsyslog.conf", "-i", directory + "/rsyslogd.pid"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: socketPath), Self.accepts(port: tcpPort) { return }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        stop()
        throw DaemonError("rsyslogd did not start (see \(directory)/rsyslog.conf)")
    }

    /// Stops the daemon with `signal` (SIGKILL after `grace` seconds) and waits for it. Returns
    /// whether it had to be killed with SIGKILL.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, grace: TimeInterval = 5) -> Bool {
        guard let process, process.isRunning else {
            self.process = nil
            return false
        }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let killed = process.isRunning || signal == SIGKILL
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
        return killed
    }

    /// The lines written so far.
    func lines() -> [String] {
        guard let data = FileManager.default.contents(atPath: output) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(
            String.init)
    }

    /// Waits until `count` lines containing `marker` are in the output, or `timeout` passes.
    @discardableResult
    func waitForLines(containing marker: String, count: Int, timeout: TimeInterval = 10) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var lines: [String] = []
        var lastCount = -1
        var stableSince = Date()
        while Date() < deadline {
            lines = self.lines().filter { $0.contains(marker) }
            if lines.count >= count { return lines }
            if lines.count != lastCount { lastCount = lines.count; stableSince = Date() }
            // Nothing new for a second: whatever was coming has come.
            if Date().timeIntervalSince(stableSince) > 1 { return lines }
            usleep(20_000)
        }
        return lines
    }

    /// A port on 127.0.0.1 that is free now (bound and released).
    static func freePort(stream: Bool) throws -> Int {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32((stream ? SOCK_STREAM : SOCK_DGRAM).rawValue), 0)
        #else
        let fd = socket(AF_INET, stream ? SOCK_STREAM : SOCK_DGRAM, 0)
        #endif
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw DaemonError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something listens on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

struct DaemonError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
