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

@Suite struct ArchiveCompressionTests {
    let gzip: GzipCompressor
    let original = Inputs.text(count: 200_000, seed: 21)

    init() throws { gzip = GzipCompressor() }

    @Test func compressesThenRemovesTheSource() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original, mode: 0o640)

            let outcome = try ArchiveCompression.compressArchive(at: source, using: gzip)

            #expect(try entries(dir) == ["app.1.log.gz"])
            #expect(gzip.isIntact(source + ".gz"))
            #expect(try gzipTestPasses([source + ".gz"], in: dir))
            #expect(try gzipDecompressed(source + ".gz", in: dir) == original)
            #expect(outcome.inputBytes == Int64(original.count))
            #expect(outcome.outputBytes == Int64(fileStatus(source + ".gz")!.st_size))
            #expect(fileStatus(source + ".gz")!.st_mode & 0o7777 == 0o640)
        }
    }

    @Test(arguments: [mode_t(0o600), 0o644, 0o444, 0o664])
    func preservesThePermissionBits(_ mode: mode_t) throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/a.log", original, mode: mode)
            _ = try ArchiveCompression.compressArchive(at: dir + "/a.log", using: gzip, syncDirectory: false)
            #expect(fileStatus(dir + "/a.log.gz")!.st_mode & 0o7777 == mode)
        }
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a file away"))
    func preservesTheOwnerWhenRoot() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/a.log", original)
            chown(dir + "/a.log", 4321, 8765)
            _ = try ArchiveCompression.compressArchive(at: dir + "/a.log", using: gzip)
            let info = try #require(fileStatus(dir + "/a.log.gz"))
            #expect(info.st_uid == 4321)
            #expect(info.st_gid == 8765)
        }
    }

    @Test func anIntactMatchingArchiveOnlyRemovesTheSource() throws {
        try withTemporaryDirectory { dir in
            // A previous run renamed the temporary file, then died before unlinking the source.
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            _ = try gzip.compress(from: source, to: source + ".gz")
            let before = try #require(contents(source + ".gz"))
            let inode = fileStatus(source + ".gz")?.st_ino

            let outcome = try ArchiveCompression.compressArchive(at: source, using: gzip)

            #expect(try entries(dir) == ["app.1.log.gz"])
            #expect(contents(source + ".gz") == before)
            #expect(fileStatus(source + ".gz")?.st_ino == inode)
            #expect(outcome.inputBytes == Int64(original.count))
            #expect(outcome.outputBytes == Int64(before.count))
        }
    }

    @Test(arguments: [10, 1])
    func aTruncatedArchiveIsLeftAloneWithTheSource(_ dropped: Int) throws {
        try withTemporaryDirectory { dir in
            // The protocol only ever makes the final name by renaming a complete, synced file:
            // a damaged one is not Rotor's, and is never deleted.
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            _ = try gzip.compress(from: source, to: source + ".gz")
            cutFile(source + ".gz", droppingLast: dropped)
            #expect(!gzip.isIntact(source + ".gz"))
            let damaged = try #require(contents(source + ".gz"))

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: gzip)
            }

            #expect(error?.code == .destinationExists)
            #expect(error?.path == source + ".gz")
            #expect(try entries(dir) == ["app.1.log", "app.1.log.gz"])
            #expect(contents(source) == original)
            #expect(contents(source + ".gz") == damaged)
        }
    }

    @Test func anEmptyArchiveIsLeftAloneWithTheSource() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            try writeFile(source + ".gz", Data())

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: gzip)
            }

            #expect(error?.code == .destinationExists)
            #expect(try entries(dir) == ["app.1.log", "app.1.log.gz"])
            #expect(contents(source) == original)
            #expect(contents(source + ".gz") == Data())
        }
    }

    @Test func anIntactArchiveOfOtherContentIsLeftAloneWithTheSource() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(dir + "/other", Data("other content\n".utf8))
            _ = try gzip.compress(from: dir + "/other", to: source + ".gz")
            let foreign = try #require(contents(source + ".gz"))
            try writeFile(source, original)

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: gzip)
            }

            #expect(error?.code == .destinationExists)
            #expect(contents(source) == original)
            #expect(contents(source + ".gz") == foreign)
        }
    }

    @Test func aStaleTemporaryFileIsSweptFirst() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            try writeFile(source + ".gz.tmp", Data([0x1F, 0x8B, 0x08, 0, 0]))

            _ = try ArchiveCompression.compressArchive(at: source, using: gzip)

            #expect(try entries(dir) == ["app.1.log.gz"])
            #expect(try gzipDecompressed(source + ".gz", in: dir) == original)
        }
    }

    @Test func staleTemporaryFilesWithoutSourceCanBeRemoved() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/gone.log.gz.tmp", Data("half".utf8))
            #expect(
                ArchiveCompression.temporaryPath(forArchiveAt: dir + "/gone.log", using: gzip) == dir
                    + "/gone.log.gz.tmp")
            #expect(
                ArchiveCompression.compressedPath(forArchiveAt: dir + "/gone.log", using: gzip) == dir + "/gone.log.gz")

            #expect(try ArchiveCompression.removeStaleTemporary(forArchiveAt: dir + "/gone.log", using: gzip))
            #expect(try !ArchiveCompression.removeStaleTemporary(forArchiveAt: dir + "/gone.log", using: gzip))
            #expect(try entries(dir).isEmpty)
        }
    }

    @Test func aMissingSourceThrowsAndStillSweepsItsTemporary() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/app.1.log.gz.tmp", Data("half".utf8))
            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: dir + "/app.1.log", using: gzip)
            }
            #expect(error?.code == .sourceMissing)
            #expect(error?.cause as? SystemCallError == .noSuchFileOrDirectory)
            #expect(try entries(dir).isEmpty)
        }
    }

    @Test func aTemporaryNameTakenByADirectoryFailsWithoutTouchingTheSource() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            mkdir(source + ".gz.tmp", 0o755)

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: gzip)
            }

            #expect(error?.code == .removeFailed)
            #expect(error?.path == source + ".gz.tmp")
            #expect(error?.cause is SystemCallError)
            #expect(contents(source) == original)
            #expect(try entries(dir) == ["app.1.log", "app.1.log.gz.tmp"])
        }
    }

    @Test func aFinalNameTakenByADirectoryFailsWithoutTouchingTheSource() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)
            mkdir(source + ".gz", 0o755)
            _ = FileManager.default.createFile(atPath: source + ".gz/occupant", contents: Data("x".utf8))

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: gzip)
            }

            #expect(error?.code == .destinationExists)
            #expect(contents(source) == original)
            #expect(try entries(dir) == ["app.1.log", "app.1.log.gz"])
            #expect(contents(source + ".gz/occupant") == Data("x".utf8))
        }
    }

    @Test func aFailedRenameRemovesTheTemporaryAndKeepsTheSource() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(
                    at: source, using: FailingCompressor(mode: .blockFinalNameWithDirectory))
            }

            #expect(error?.code == .renameFailed)
            #expect(error?.cause is SystemCallError)
            #expect(contents(source) == original)
            #expect(try entries(dir) == ["app.1.log", "app.1.log.gz"])  // the blocking directory
        }
    }

    @Test func aForeignCompressorErrorIsWrappedAndItsPartialOutputRemoved() throws {
        try withTemporaryDirectory { dir in
            let source = dir + "/app.1.log"
            try writeFile(source, original)

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: FailingCompressor(mode: .throwForeignError))
            }

            #expect(error?.code == .compressorFailed)
            #expect(error?.cause as? FailingCompressor.Failure == FailingCompressor.Failure())
            #expect(contents(source) == original)
            #expect(try entries(dir) == ["app.1.log"])
        }
    }

    @Test func anEmptySuffixIsAConfigurationError() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/app.1.log", original)
            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(
                    at: dir + "/app.1.log", using: FailingCompressor(mode: .emptySuffix))
            }
            #expect(error?.code == .invalidConfiguration)
            #expect(error?.field == "fileSuffix")
            #expect(contents(dir + "/app.1.log") == original)
        }
    }

    @Test func aSymbolicLinkSourceIsRejected() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/real.log", original)
            symlink(dir + "/real.log", dir + "/link.log")
            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: dir + "/link.log", using: gzip)
            }
            #expect(error?.code == .sourceNotRegularFile)
            #expect(try entries(dir) == ["link.log", "real.log"])
        }
    }
}
