import Logging
import RotorCore
import RotorSyslog
import Testing

@Suite struct SyslogDestinationTests {
    @Test func parsesEachSchemeWithAndWithoutAPort() throws {
        #expect(try SyslogDestination(url: "unix:/dev/log") == .unixSocket(path: "/dev/log"))
        #expect(try SyslogDestination(url: "unix:///run/log.sock") == .unixSocket(path: "/run/log.sock"))
        #expect(try SyslogDestination(url: "udp://127.0.0.1:5514") == .udp(host: "127.0.0.1", port: 5514))
        #expect(try SyslogDestination(url: "tcp://[::1]:601") == .tcp(host: "::1", port: 601))
        #expect(try SyslogDestination(url: "TCP://logs.example.com") == .tcp(host: "logs.example.com", port: 514))
        #expect(try SyslogDestination(url: "tcp://[::1]:601").description == "tcp://[::1]:601")
        #expect(SyslogDestination.local == .unixSocket(path: "/dev/log"))
    }

    @Test func rejectsBadURLsWithATypedError() {
        for url in [
            "", "/dev/log", "http://x:1", "tcp://", "tcp://:514", "tcp://h:0", "tcp://h:65536", "tcp://h:abc",
            "unix:", "udp://[::1", "tcp://h/path",
        ] {
            #expect(syslogError { _ = try SyslogDestination(url: url) }?.code == .invalidDestination, "\(url)")
        }
        let tls = syslogError { _ = try SyslogDestination(url: "tls://127.0.0.1:6514") }
        #expect(tls?.code == .invalidDestination && tls?.message.contains("TLS") == true)
        #expect(throws: SyslogError.self) { try SyslogSink(url: "udp//127.0.0.1") }
    }

    @Test func facilitiesByNameAndCode() throws {
        #expect(try SyslogFacility(name: "local3") == .local3)
        #expect(try SyslogFacility(name: "DAEMON").code == 3)
        #expect(try SyslogFacility(name: "authpriv").code == 10)
        #expect(try SyslogFacility(code: 23) == .local7)
        #expect(SyslogFacility.local0.description == "local0")
        for bad in ["local8", "", "users"] {
            #expect(syslogError { _ = try SyslogFacility(name: bad) }?.code == .unknownFacility)
        }
        #expect(throws: SyslogError.self) { try SyslogFacility(code: 24) }
        #expect(throws: SyslogError.self) { try SyslogFacility(code: -1) }
    }

    @Test func levelsMapToSeverities() {
        let expected: [(Logger.Level, SyslogSeverity)] = [
            (.trace, .debug), (.debug, .debug), (.info, .informational), (.notice, .notice), (.warning, .warning),
            (.error, .error), (.critical, .critical),
        ]
        for (level, severity) in expected { #expect(SyslogSeverity(level) == severity) }
    }

    @Test func headerFieldsAndBoundsAreCheckedAtConstruction() {
        let cases: [(String, (inout SyslogSinkConfiguration) -> Void)] = [
            ("appName", { $0.appName = "has space" }),
            ("appName", { $0.appName = String(repeating: "a", count: 49) }),
            ("procID", { $0.procID = "" }),
            ("msgID", { $0.msgID = "é" }),
            ("hostname", { $0.hostname = "a b" }),
            ("structuredDataID", { $0.structuredDataID = "bad=id" }),
            ("maximumMessageSize", { $0.maximumMessageSize = 479 }),
        ]
        for (field, change) in cases {
            let error = syslogError {
                _ = try SyslogSink(
                    destination: .unixSocket(path: "/nonexistent/log"), configuration: quietConfiguration(change))
            }
            #expect(error?.code == .invalidConfiguration, "\(field)")
            #expect(error?.field == field)
        }
    }
}
