import Foundation
import RotorSystem
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `rotor prune` never deletes, overwrites or follows what is not Rotor's, and waits for a
/// writer's archive work through the log's lock file.
@Suite struct PruneSafetyTests {
    @Test func aForeignFileAtACompressedNameIsReportedAndKept() throws {
        try withTemporaryDirectory { dir in
            try LogFixture.write(0..<150, in: dir, maxBytes: 2_000, compress: false)
            let plain = try LogFixture.archives(in: dir)
            let newest = try #require(plain.last)
            let foreign = Array("someone else's file, not gzip\n".utf8)
            try LogFixture.writeFile(newest + ".gz", foreign, in: dir)
            let newestContent = FileManager.default.contents(atPath: dir + "/" + newest)

            let outcome = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "3", "--compress"])

            #expect(outcome.status == 1, "\(outcome)")
            #expect(
                outcome.standardError.contains("\(dir)/\(newest): not compressed: \(dir)/\(newest).gz"), "\(outcome)")
            #expect(FileManager.default.contents(atPath: dir + "/" + newest + ".gz") == Data(foreign))
            #expect(FileManager.default.contents(atPath: dir + "/" + newest) == newestContent)
            let kept = plain.suffix(3).dropLast().map { $0 + ".gz" } + [newest, newest + ".gz"]
            #expect(try LogFixture.archives(in: dir) == kept.sorted())
            #expect(outcome.lines.filter { $0.hasPrefix("compressed ") }.count == 2)
        }
    }

    @Test func symbolicLinksWithArchiveNamesAreNeitherFollowedNorDeleted() throws {
        try withTemporaryDirectory { dir in
            try withTemporaryDirectory { outside in
                try LogFixture.write(0..<150, in: dir, maxBytes: 2_000, compress: false)
                let secrets = ["plain": Array("outside, plain\n".utf8), "compressed": Array("outside, gz\n".utf8)]
                for (name, bytes) in secrets { try LogFixture.writeFile(name, bytes, in: outside) }
                // Older than every genuine archive: as archives, --keep 1 would delete them.
                let links = [
                    LogFixture.archiveName(atSecond: 10): outside + "/plain",
                    LogFixture.archiveName(atSecond: 20, compressed: true): outside + "/compressed",
                ]
                for (name, target) in links { symlink(target, dir + "/" + name) }
                let genuine = try LogFixture.archives(in: dir).filter { links[$0] == nil }

                let outcome = try RotorBinary.run(["prune", dir + "/app.log", "--keep", "1", "--compress"])

                #expect(outcome.status == 0, "\(outcome)")
                for (name, target) in links {
                    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/" + name) == target)
                    #expect(!outcome.standardOutput.contains(name))
                }
                for (name, bytes) in secrets {
                    #expect(FileManager.default.contents(atPath: outside + "/" + name) == Data(bytes))
                }
                #expect(
                    try FileManager.default.contentsOfDirectory(atPath: outside).sorted() == ["compressed", "plain"])
                #expect(try LogFixture.archives(in: dir) == (Array(links.keys) + [genuine.last! + ".gz"]).sorted())
            }
        }
    }

    @Test func aLinkAtACompressedNameIsNotFollowed() throws {
        try withTemporaryDirectory { dir in
            try withTemporaryDirectory { outside in
                try LogFixture.write(0..<60, in: dir, maxBytes: 2_000, compress: false)
                let newest = try #require(try LogFixture.archives(in: dir).last)
                symlink(outside + "/created-by-rotor", dir + "/" + newest + ".gz")

                let outcome = try RotorBinary.run(["prune", dir + "/app.log", "--compress"])

                #expect(outcome.status == 1, "\(outcome)")
                #expect(outcome.standardError.contains("\(dir)/\(newest): not compressed"), "\(outcome)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
                #expect(FileManager.default.fileExists(atPath: dir + "/" + newest))
                #expect(
                    try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/" + newest + ".gz")
                        == outside + "/created-by-rotor")
            }
        }
    }

    @Test func pruneWaitsForTheArchivesLock() throws {
        try withTemporaryDirectory { dir in
            try withTemporaryDirectory { scratch in
                try LogFixture.write(0..<150, in: dir, maxBytes: 2_000, compress: false)
                let before = try LogFixture.archives(in: dir)
                #expect(before.count > 3)
                // This process plays the writer doing archive work.
                let directory = try DirectoryHandle.open(dir).get()
                let lock = try CrossProcessLock.open(".app.log.rotor-lock", in: directory, permissions: 0o644).get()
                try #require(lock.lock(.archives, exclusive: true) == nil)
                var locked = true
                defer { if locked { lock.unlock(.archives) } }

                let process = try RotorBinary.launch(
                    ["prune", dir + "/app.log", "--keep", "2", "--compress"],
                    standardOutput: scratch + "/stdout", standardError: scratch + "/stderr")
                defer { if process.isRunning { process.terminate() } }
                let deadline = ContinuousClock.now + .seconds(30)
                var standardError = ""
                while !standardError.contains("waiting for another process's archive work"),
                    ContinuousClock.now < deadline
                {
                    Thread.sleep(forTimeInterval: 0.02)
                    standardError = (try? String(contentsOfFile: scratch + "/stderr", encoding: .utf8)) ?? ""
                }
                #expect(
                    standardError.contains("\(dir)/app.log: waiting for another process's archive work"),
                    "\(standardError)")
                Thread.sleep(forTimeInterval: 0.3)
                #expect(process.isRunning)
                #expect(try LogFixture.archives(in: dir) == before)

                lock.unlock(.archives)
                locked = false
                process.waitUntilExit()

                #expect(process.terminationStatus == 0)
                #expect(try LogFixture.archives(in: dir) == before.suffix(2).map { $0 + ".gz" })
                let stats = try RotorBinary.run(["stats", dir + "/app.log"])
                #expect(!stats.standardOutput.contains("rotor-lock"), "\(stats)")
            }
        }
    }
}
