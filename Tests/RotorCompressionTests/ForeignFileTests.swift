import Foundation
import RotorCompression
import RotorCore
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Compression never deletes or overwrites a file it did not produce: a name collision with a
/// foreign file is left alone and reported, and the plain archive is kept.
@Suite struct ForeignFileTests {
    let gzip: GzipCompressor
    let original = Inputs.text(count: 80_000, seed: 51)

    init() throws { gzip = GzipCompressor() }

    @Test func aForeignFileAtTheCompressedNameIsLeftByteForByte() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            let foreign = Data("someone else's notes, not gzip\n".utf8)
            try writeFile(source + ".gz", foreign, mode: 0o600)
            let inode = fileStatus(source + ".gz")?.st_ino

            for compressor in [gzip, RecordingCompressor()] as [any ArchiveCompressor] {
                let error = #expect(throws: CompressionError.self) {
                    try ArchiveCompression.compressArchive(at: source, using: compressor)
                }
                #expect(error?.code == .destinationExists)
                #expect(error?.path == source + ".gz")
            }

            #expect(contents(source + ".gz") == foreign)
            #expect(fileStatus(source + ".gz")?.st_ino == inode)
            #expect(fileStatus(source + ".gz")!.st_mode & 0o7777 == 0o600)
            #expect(contents(source) == original)
            #expect(try entries(dir) == ["app.1.log", "app.1.log.gz"])
        }
    }

    @Test func aCorruptGzipAtTheCompressedNameIsLeftAlone() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            _ = try gzip.compress(from: source, to: source + ".gz")
            var damaged = try #require(contents(source + ".gz"))
            damaged[damaged.count / 2] ^= 0xFF
            try writeFile(source + ".gz", damaged)
            #expect(!gzip.isIntact(source + ".gz"))

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: gzip)
            }

            #expect(error?.code == .destinationExists)
            #expect(contents(source + ".gz") == damaged)
            #expect(contents(source) == original)
        }
    }

    @Test func anIntactMatchingArchiveIsReusedThroughACustomCompressor() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            _ = try gzip.compress(from: source, to: source + ".gz")
            let compressor = RecordingCompressor()

            _ = try ArchiveCompression.compressArchive(at: source, using: compressor)

            #expect(try entries(dir) == ["app.1.log.gz"])
            #expect(compressor.recorded.count == 1)
            #expect(compressor.recorded.first?.hasPrefix("isIntact ") == true)
        }
    }

    @Test func aSourceReplacedWhileCompressingIsNotDeleted() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            let newcomer = Data("a different file under the archive's name\n".utf8)
            // After the copy is made, the archive's name is moved to another file.
            let compressor = RecordingCompressor {
                rename(source, dir + "/moved.log")
                try? writeFile(source, newcomer)
            }

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: compressor)
            }

            #expect(error?.code == .removeFailed)
            #expect(contents(source) == newcomer)
            #expect(contents(dir + "/moved.log") == original)
            #expect(try gzipDecompressed(source + ".gz", in: dir) == original)
        }
    }
}
