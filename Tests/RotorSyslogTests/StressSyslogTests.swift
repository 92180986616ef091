import Foundation
import RotorTestKit
import Testing

/// `rotor-stress --syslog URL` writes its standard records through a `SyslogSink` into a private
/// rsyslogd and prints the sink's statistics, as the file modes do.
@Suite(.serialized, .enabled(if: rsyslogdBinary != nil, "needs rsyslogd (apt-get install rsyslog)"))
struct StressSyslogTests {
    /// Runs `rotor-stress` with `arguments` and returns its summary line as JSON.
    private func stress(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = try BuiltProduct.url(named: "rotor-stress", override: "ROTOR_STRESS_BINARY")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: data, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: ["tcp", "unix"])
    func stressRecordsReachTheDaemonThroughEachTransport(_ transport: String) throws {
        try withTemporaryDirectory { dir in
            let daemon = try Rsyslogd(directory: dir)
            try daemon.start()
            defer { daemon.stop() }
            let url = transport == "tcp" ? "tcp://127.0.0.1:\(daemon.tcpPort)" : "unix:\(daemon.socketPath)"
            let summary = try stress(["--syslog", url, "--threads", "3", "--records", "2000", "--async", "block"])
            #expect(summary["records_written"] as? Int == 6_000)
            #expect(summary["records_dropped"] as? Int == 0)
            #expect(summary["complete"] as? Bool == true)
            let lines = daemon.waitForLines(containing: "request handled", count: 6_000)
            #expect(lines.count == 6_000)
            // The standard JSON record is the MSG of an RFC 5424 message from app rotor-stress.
            #expect(
                lines.allSatisfy { $0.hasPrefix("<14>1 ") && $0.contains(" rotor-stress ") && $0.contains(#""seq":"#) })
        }
    }
}
