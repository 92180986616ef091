import Foundation
import RotorCompression
import RotorTestKit
import Testing

@Suite struct GzipIntegrityTests {
    let gzip: GzipCompressor
    let original = Inputs.text(count: 300_000, seed: 11)

    init() throws { gzip = GzipCompressor() }

    /// Writes `original` and its compressed form into `dir`; returns the compressed path.
    private func makeArchive(in dir: String) throws -> String {
        try writeFile(dir + "/app.log", original)
        _ = try gzip.compress(from: dir + "/app.log", to: dir + "/app.log.gz")
        return dir + "/app.log.gz"
    }

    @Test func acceptsItsOwnOutput() throws {
        try withTemporaryDirectory { dir in
            let archive = try makeArchive(in: dir)
            #expect(gzip.isIntact(archive))
            #expect(gzip.isIntact(archive, matching: dir + "/app.log"))
        }
    }

    @Test func acceptsFilesMadeByTheGzipTool() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/app.log", original)
            for level in ["-1", "-9"] {
                let result = try runTool("/usr/bin/gzip", ["-c", level, dir + "/app.log"], in: dir)
                #expect(result.status == 0)
                try writeFile(dir + "/tool\(level).gz", result.standardOutput)
                #expect(gzip.isIntact(dir + "/tool\(level).gz"))
                #expect(gzip.isIntact(dir + "/tool\(level).gz", matching: dir + "/app.log"))
            }
        }
    }

    @Test func rejectsEmptyMissingAndDirectoryPaths() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/empty.gz", Data())
            mkdir(dir + "/folder.gz", 0o755)
            #expect(!gzip.isIntact(dir + "/empty.gz"))
            #expect(!gzip.isIntact(dir + "/absent.gz"))
            #expect(!gzip.isIntact(dir + "/folder.gz"))
        }
    }

    @Test(arguments: [1, 4, 8, 10, 100])
    func rejectsTruncatedFiles(_ dropped: Int) throws {
        try withTemporaryDirectory { dir in
            let archive = try makeArchive(in: dir)
            cutFile(archive, droppingLast: dropped)
            #expect(!gzip.isIntact(archive))
            #expect(!gzip.isIntact(archive, matching: dir + "/app.log"))
        }
    }

    @Test func rejectsAHeaderAlone() throws {
        try withTemporaryDirectory { dir in
            let archive = try makeArchive(in: dir)
            try writeFile(archive, contents(archive)!.prefix(10))
            #expect(!gzip.isIntact(archive))
        }
    }

    @Test(arguments: [0.25, 0.5, 0.75])
    func rejectsACorruptedByte(_ position: Double) throws {
        try withTemporaryDirectory { dir in
            let archive = try makeArchive(in: dir)
            var bytes = contents(archive)!
            let index = Int(Double(bytes.count) * position)
            bytes[index] ^= 0x55
            try writeFile(archive, bytes)
            #expect(!gzip.isIntact(archive))
        }
    }

    @Test func rejectsACorruptedTrailer() throws {
        try withTemporaryDirectory { dir in
            let archive = try makeArchive(in: dir)
            var bytes = contents(archive)!
            bytes[bytes.count - 8] ^= 0x01  // CRC-32
            try writeFile(dir + "/crc.gz", bytes)
            bytes[bytes.count - 8] ^= 0x01
            bytes[bytes.count - 1] ^= 0x01  // ISIZE
            try writeFile(dir + "/isize.gz", bytes)
            #expect(!gzip.isIntact(dir + "/crc.gz"))
            #expect(!gzip.isIntact(dir + "/isize.gz"))
        }
    }

    @Test(arguments: [Data("garbage".utf8), Data([0]), Data(repeating: 0, count: 512), Data([0x1F, 0x8B])])
    func rejectsTrailingBytes(_ trailer: Data) throws {
        try withTemporaryDirectory { dir in
            let archive = try makeArchive(in: dir)
            try writeFile(archive, contents(archive)! + trailer)
            #expect(!gzip.isIntact(archive))
        }
    }

    @Test func acceptsConcatenatedMembersLikeGzipDoes() throws {
        try withTemporaryDirectory { dir in
            let archive = try makeArchive(in: dir)
            try writeFile(dir + "/second", Data("second member\n".utf8))
            _ = try gzip.compress(from: dir + "/second", to: dir + "/second.gz")
            try writeFile(dir + "/both.gz", contents(archive)! + contents(dir + "/second.gz")!)
            try writeFile(dir + "/both", original + Data("second member\n".utf8))

            #expect(try gzipTestPasses([dir + "/both.gz"], in: dir))
            #expect(gzip.isIntact(dir + "/both.gz"))
            #expect(gzip.isIntact(dir + "/both.gz", matching: dir + "/both"))
            #expect(!gzip.isIntact(dir + "/both.gz", matching: dir + "/app.log"))
        }
    }

    @Test func rejectsAZlibStreamWithoutGzipFraming() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/data", Data("hello hello hello\n".utf8))
            let script = "import sys, zlib; sys.stdout.buffer.write(zlib.compress(open(sys.argv[1], 'rb').read()))"
            let result = try runTool("/usr/bin/env", ["python3", "-c", script, dir + "/data"], in: dir)
            #expect(result.status == 0, "\(result.standardError)")
            try writeFile(dir + "/data.zz", result.standardOutput)
            #expect(!gzip.isIntact(dir + "/data.zz"))
        }
    }

    @Test func matchingComparesEveryByteAndTheLength() throws {
        try withTemporaryDirectory { dir in
            let archive = try makeArchive(in: dir)
            var changed = original
            changed[changed.count / 2] ^= 0x20
            try writeFile(dir + "/changed", changed)
            try writeFile(dir + "/longer", original + Data("x".utf8))
            try writeFile(dir + "/shorter", original.dropLast())
            #expect(!gzip.isIntact(archive, matching: dir + "/changed"))
            #expect(!gzip.isIntact(archive, matching: dir + "/longer"))
            #expect(!gzip.isIntact(archive, matching: dir + "/shorter"))
            #expect(!gzip.isIntact(archive, matching: dir + "/absent"))
        }
    }
}
