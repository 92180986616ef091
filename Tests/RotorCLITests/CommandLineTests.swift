import Foundation
import RotorTestKit
import Testing

@Suite struct CommandLineTests {
    @Test(arguments: [[], ["cat"], ["tail"], ["prune"], ["stats"], ["verify"]])
    func everyCommandHasHelp(_ command: [String]) throws {
        let outcome = try RotorBinary.run(command + ["--help"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.standardOutput.contains("USAGE: rotor" + command.map { " " + $0 }.joined()))
    }

    @Test func rootHelpDocumentsTheExitCodes() throws {
        let outcome = try RotorBinary.run(["--help"])
        for code in ["64  bad arguments", "66  the log's directory", "1   a check failed"] {
            #expect(outcome.standardOutput.contains(code))
        }
    }

    @Test func badArgumentsExitWith64() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.writeFile("app.log", [], in: dir)
            let cases: [[String]] = [
                ["cat"], ["frobnicate"], ["cat", dir + "/app.log", "--since", "yesterday"],
                ["cat", dir + "/app.log", "--level", "loud"],
                ["cat", dir + "/app.log", "--since", "2026-11-22", "--until", "2026-11-21"],
                ["tail", "-n", "-3", dir + "/app.log"], ["verify", dir + "/app.log", "--max-problems", "0"],
                ["stats", dir + "/app.log", "--bogus"], ["cat", ""],
            ]
            for arguments in cases {
                let outcome = try RotorBinary.run(arguments)
                #expect(outcome.status == 64, "\(arguments): \(outcome)")
                #expect(!outcome.standardError.isEmpty)
            }
        }
    }

    @Test func badPathsExitWith66() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.writeFile("file", [], in: dir)
            for command in ["cat", "tail", "verify", "stats"] {
                let noDirectory = try RotorBinary.run([command, dir + "/missing/app.log"])
                #expect(noDirectory.status == 66, "\(command): \(noDirectory)")
                #expect(noDirectory.standardError.hasPrefix("rotor: \(dir)/missing: cannot open the log's directory"))
                let notDirectory = try RotorBinary.run([command, dir + "/file/app.log"])
                #expect(notDirectory.status == 66, "\(command): \(notDirectory)")
                let noLog = try RotorBinary.run([command, dir + "/app.log"])
                #expect(noLog.status == 66, "\(command): \(noLog)")
            }
        }
    }

    @Test func aRelativePathIsResolvedFromTheWorkingDirectory() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir + "/logs", withIntermediateDirectories: false)
            try LogFixture.writeFile("logs/app.log", Array((LogFixture.line(5) + "\n").utf8), in: dir)
            let outcome = try RotorBinary.run(["cat", "--json", "logs/app.log"], currentDirectory: dir)
            #expect(outcome.lines == [LogFixture.line(5)])
            let bare = try RotorBinary.run(["cat", "--json", "app.log"], currentDirectory: dir + "/logs")
            #expect(bare.lines == [LogFixture.line(5)])
        }
    }
}
