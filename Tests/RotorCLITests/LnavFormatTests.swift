import Foundation
import Logging
import RotorFormatters
import RotorTestKit
import Testing

/// The lnav format shipped in `Tools/lnav/rotor_json.json`, checked with the lnav of the machine
/// (skipped without one; Debian: `apt-get install -y lnav`).
@Suite(.enabled(if: ExternalTool.isInstalled("lnav"), "lnav is not installed"))
struct LnavFormatTests {
    /// `Tools/lnav/rotor_json.json`, from this file's path.
    static let formatFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tools/lnav/rotor_json.json").path

    @Test func lnavParsesEveryRecordOfARotatedLogWithTheInstalledFormat() throws {
        try withTemporaryDirectory { dir in
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            try ToolRecordsFixture.write(0..<140, in: logs)
            #expect(try LogFixture.archives(in: logs).filter { $0.hasSuffix(".gz") }.count >= 3)
            let lnav = try Self.installedLnav(home: dir + "/home")

            // The whole directory: the active file and the .gz archives, which lnav decompresses.
            #expect(try lnav.query("SELECT count(*) AS n FROM rotor_json", logs) == ["n", "140"])
            let perLevel = try lnav.query(
                "SELECT log_level, count(*) AS n FROM rotor_json GROUP BY log_level ORDER BY log_level", logs)
            #expect(perLevel.dropFirst().sorted() == ToolRecordsFixture.levels.map { "\($0.rawValue) 20" }.sorted())
            let record = try lnav.query(
                "SELECT log_time, log_level, label, log_body, metadata FROM rotor_json WHERE log_body = 'record 31'",
                logs)
            #expect(record.last == #"2026-11-21 14:00:31.250 notice db record 31 {"request.id":"31"}"#)
            let error = try lnav.query("SELECT error FROM rotor_json WHERE log_body = 'record 30'", logs)
            #expect(error.last == #"{"type":"RotorCLITests.ToolRecordsFixture.Failure","message":"disk full"}"#)
        }
    }

    @Test func lnavReadsTimestampsWithoutAFraction() throws {
        try withTemporaryDirectory { dir in
            let formatter = JSONFormatter(timestampStyle: try TimestampStyle(fractionalDigits: 0))
            try ToolRecordsFixture.write(0..<10, in: dir, formatter: formatter, maxBytes: 1 << 20)
            let lnav = try Self.installedLnav(home: dir + "/home")
            let times = try lnav.query("SELECT log_time FROM rotor_json", dir + "/app.log")
            #expect(times == ["log_time"] + (0..<10).map { "2026-11-21 14:00:\(String(format: "%02d", $0)).000" })
        }
    }

    /// lnav with the format installed by `lnav -i` into a fresh HOME.
    static func installedLnav(home: String) throws -> Lnav {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let lnav = Lnav(tool: try #require(ExternalTool(named: "lnav")), home: home)
        let install = try lnav.tool.run(["-i", formatFile], environment: lnav.environment)
        #expect(install.status == 0, "\(install)")
        #expect(FileManager.default.fileExists(atPath: home + "/.lnav/formats/installed/rotor_json.json"))
        return lnav
    }

    /// lnav run headless in its own HOME, in UTC.
    struct Lnav {
        var tool: ExternalTool
        var home: String

        var environment: [String: String?] { ["HOME": home, "XDG_CONFIG_HOME": nil, "TZ": "UTC"] }

        /// Runs `;<sql>` on `path` (a file or a directory) with `lnav -n -c`; returns the rows
        /// printed, header first, each with its columns joined by one space.
        func query(_ sql: String, _ path: String) throws -> [String] {
            let outcome = try tool.run(["-n", "-c", ";" + sql, path], environment: environment)
            #expect(outcome.status == 0, "\(outcome)")
            return outcome.standardOutput.split(separator: "\n").map { line in
                line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            }
        }
    }
}
