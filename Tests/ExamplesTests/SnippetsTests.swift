import Foundation
import RotorTestKit
import Testing

/// The snippets in `Snippets/` are whole programs from the README and the DocC articles;
/// `swift build` (and so `swift test`) builds each into an executable of the same name. These tests
/// run the ones that only write below the current directory, each in a new empty directory, as
/// a reader who copies them would, and check what they wrote.
@Suite struct SnippetsTests {
    /// Runs the snippet `name` in a new directory and returns the directory's path.
    static func run(_ name: String, in directory: String) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = try BuiltProduct.url(named: name, override: "ROTOR_SNIPPET_\(name)")
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        let outputPath = directory + "/.stdout"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let outputHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = outputHandle
        let errorPath = directory + "/.stderr"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        try errorHandle.close()
        try outputHandle.close()
        return (process.terminationStatus, try String(contentsOfFile: errorPath, encoding: .utf8))
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func perLevelFilesQuickStartWritesOneFilePerLevel() throws {
        try withTemporaryDirectory { dir in
            let outcome = try Self.run("PerLevelFilesQuickStart", in: dir)
            #expect(outcome.status == 0, "\(outcome.errors)")
            #expect(try Self.read(dir + "/logs/app_info.log").contains(#""message":"request handled""#))
            #expect(try Self.read(dir + "/logs/app_error.log").contains(#""message":"payment provider unavailable""#))
        }
    }

    /// swift-log's global metadata provider reaches Rotor's records as it reaches
    /// `StreamLogHandler`'s (bootstrapping is once per process: the snippet is its own process).
    @Test func aMultiplexBootstrapGivesTheProvidersKeysToRotorAsToStreamLogHandler() throws {
        try withTemporaryDirectory { dir in
            let outcome = try Self.run("CombiningRotorWithOtherHandlers", in: dir)
            #expect(outcome.status == 0, "\(outcome.errors)")
            let stream = try Self.read(dir + "/.stdout")
            #expect(stream.contains("request-id=42") && stream.contains("path=/items"), "\(stream)")
            let line = try Self.read(dir + "/logs/app.log")
            #expect(line.contains(#""request-id":"42""#) && line.contains(#""path":"/items""#), "\(line)")
        }
    }

    @Test func rotatingFileWithoutSwiftLogCreatesItsDirectory() throws {
        try withTemporaryDirectory { dir in
            let outcome = try Self.run("RotatingFileWithoutSwiftLog", in: dir)
            #expect(outcome.status == 0, "\(outcome.errors)")
            #expect(try Self.read(dir + "/logs/app.log").contains(#""message":"started""#))
        }
    }

    @Test func levelRoutesToFilesSendsAnErrorToTheErrorFile() throws {
        try withTemporaryDirectory { dir in
            let outcome = try Self.run("LevelRoutesToFiles", in: dir)
            #expect(outcome.status == 0, "\(outcome.errors)")
            #expect(try Self.read(dir + "/logs/error.log").contains(#""message":"disk almost full""#))
            #expect(try Self.read(dir + "/logs/app.log").isEmpty)
        }
    }

    @Test func gzipCompressedRotationCreatesItsDirectory() throws {
        try withTemporaryDirectory { dir in
            let outcome = try Self.run("GzipCompressedRotation", in: dir)
            #expect(outcome.status == 0, "\(outcome.errors)")
            #expect(try Self.read(dir + "/logs/app.log").contains(#""message":"compressed when rotated""#))
        }
    }

    @Test func wholeSecondTimestampsHaveNoFraction() throws {
        try withTemporaryDirectory { dir in
            let outcome = try Self.run("WholeSecondTimestamps", in: dir)
            #expect(outcome.status == 0, "\(outcome.errors)")
            let line = try Self.read(dir + "/logs/app_info.log")
            let timestamp = line.split(separator: "\"").dropFirst(3).first.map(String.init) ?? ""
            #expect(timestamp.count == 20 && timestamp.hasSuffix("Z") && !timestamp.contains("."), "\(line)")
        }
    }
}
