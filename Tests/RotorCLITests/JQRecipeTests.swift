import Foundation
import RotorFormatters
import RotorTestKit
import Testing

/// The jq recipes of the "Reading Rotor logs with other tools" article, run with the jq of the
/// machine (skipped without one; Debian: `apt-get install -y jq`).
@Suite(.enabled(if: ExternalTool.isInstalled("jq"), "jq is not installed"))
struct JQRecipeTests {
    @Test func jqSelectsRecordsByLevel() throws {
        try withTemporaryDirectory { dir in
            try ToolRecordsFixture.write(0..<30, in: dir, maxBytes: 1 << 20)
            let jq = try #require(ExternalTool(named: "jq"))
            let errors = try jq.run(["-r", #"select(.level=="error") | .message"#, dir + "/app.log"])
            #expect(errors.status == 0, "\(errors)")
            #expect(errors.standardOutput == "record 5\nrecord 12\nrecord 19\nrecord 26\n")
        }
    }

    @Test func jqReadsTheDefaultTimestampsOnceTheFractionIsRemoved() throws {
        try withTemporaryDirectory { dir in
            try ToolRecordsFixture.write(0..<2, in: dir, maxBytes: 1 << 20)
            let jq = try #require(ExternalTool(named: "jq"))
            // fromdateiso8601 takes no fraction of a second: the default style is rejected.
            let plain = try jq.run([".timestamp | fromdateiso8601", dir + "/app.log"])
            #expect(plain.status != 0)
            #expect(plain.standardError.contains("does not match format"))
            let recipe = try jq.run([#".timestamp | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601"#, dir + "/app.log"])
            #expect(recipe.status == 0, "\(recipe)")
            #expect(recipe.standardOutput == "\(LogFixture.epochSeconds)\n\(LogFixture.epochSeconds + 1)\n")
        }
    }

    @Test func jqReadsTimestampsWithoutAFractionAsTheyAre() throws {
        try withTemporaryDirectory { dir in
            let formatter = JSONFormatter(timestampStyle: try TimestampStyle(fractionalDigits: 0))
            try ToolRecordsFixture.write(0..<2, in: dir, formatter: formatter, maxBytes: 1 << 20)
            let jq = try #require(ExternalTool(named: "jq"))
            let outcome = try jq.run(["-r", #".timestamp, (.timestamp | fromdateiso8601)"#, dir + "/app.log"])
            #expect(outcome.status == 0, "\(outcome)")
            #expect(
                outcome.standardOutput
                    == "2026-11-21T14:00:00Z\n\(LogFixture.epochSeconds)\n2026-11-21T14:00:01Z\n\(LogFixture.epochSeconds + 1)\n"
            )
        }
    }
}
