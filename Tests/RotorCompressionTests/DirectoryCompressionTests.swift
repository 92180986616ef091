import Foundation
import RotorCompression
import RotorCore
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

/// `ArchiveCompression.compressArchive(named:in:using:)`, the form the sinks and `rotor prune` use:
/// everything relative to a directory opened once.
@Suite struct DirectoryCompressionTests {
    let gzip: GzipCompressor
    let original = Inputs.text(count: 120_000, seed: 61)

    init() throws { gzip = GzipCompressor() }

    @Test func compressesAValidGzipAndRemovesTheSource() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/app.1.log", original, mode: 0o640)
            let directory = try DirectoryHandle.open(dir).get()

            let outcome = try ArchiveCompression.compressArchive(named: "app.1.log", in: directory, using: gzip)

            #expect(try entries(dir) == ["app.1.log.gz"])
            #expect(try gzipTestPasses([dir + "/app.1.log.gz"], in: dir))
            #expect(try gzipDecompressed(dir + "/app.1.log.gz", in: dir) == original)
            #expect(outcome.inputBytes == Int64(original.count))
            #expect(fileStatus(dir + "/app.1.log.gz")!.st_mode & 0o7777 == 0o640)
        }
    }

    @Test(arguments: [false, true])
    func worksInTheDirectoryItOpenedAfterARename(customCompressor: Bool) throws {
        try withTemporaryDirectory { dir in
            mkdir(dir + "/logs", 0o755)
            try writeFile(dir + "/logs/app.1.log", original)
            let directory = try DirectoryHandle.open(dir + "/logs").get()
            rename(dir + "/logs", dir + "/moved")
            mkdir(dir + "/logs", 0o755)  // someone else's directory now has the old path
            let compressor: any ArchiveCompressor = customCompressor ? RecordingCompressor() : gzip

            _ = try ArchiveCompression.compressArchive(named: "app.1.log", in: directory, using: compressor)

            #expect(try entries(dir + "/moved") == ["app.1.log.gz"])
            #expect(try gzipDecompressed(dir + "/moved/app.1.log.gz", in: dir) == original)
            #expect(try entries(dir + "/logs").isEmpty)
        }
    }

    #if os(Linux)
    @Test func aCustomCompressorIsGivenPathsOfWhatWasOpened() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/app.1.log", original)
            let directory = try DirectoryHandle.open(dir).get()
            let compressor = RecordingCompressor()

            _ = try ArchiveCompression.compressArchive(named: "app.1.log", in: directory, using: compressor)

            let call = try #require(compressor.recorded.first).split(separator: " ").map(String.init)
            #expect(call.count == 3 && call[0] == "compress")
            #expect(call[1].hasPrefix("/proc/self/fd/"))
            #expect(call[2] == "/proc/self/fd/\(directory.descriptor)/app.1.log.gz.tmp")
            #expect(try gzipDecompressed(dir + "/app.1.log.gz", in: dir) == original)
        }
    }
    #endif

    @Test func namesWithASlashAreRefused() throws {
        try withTemporaryDirectory { dir in
            mkdir(dir + "/sub", 0o755)
            try writeFile(dir + "/sub/app.1.log", original)
            let directory = try DirectoryHandle.open(dir).get()
            for name in ["sub/app.1.log", "", ".", ".."] {
                let error = #expect(throws: CompressionError.self) {
                    try ArchiveCompression.compressArchive(named: name, in: directory, using: gzip)
                }
                #expect(error?.code == .invalidConfiguration)
                #expect(error?.field == "name")
            }
            #expect(try entries(dir + "/sub") == ["app.1.log"])
        }
    }
}
