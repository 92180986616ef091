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

/// A symbolic link planted under one of the names compression uses (by another user who can write
/// the log directory) never makes it read, write or delete the link's target.
@Suite struct SymbolicLinkTests {
    let gzip: GzipCompressor
    let original = Inputs.text(count: 50_000, seed: 41)
    let secret = Data("a file outside the log directory\n".utf8)

    init() throws { gzip = GzipCompressor() }

    @Test func aLinkAtTheArchiveNameIsNeitherReadNorDeleted() throws {
        try withTemporaryDirectory { dir in
            try withTemporaryDirectory { outside in
                try writeFile(outside + "/secret", secret, mode: 0o600)
                symlink(outside + "/secret", dir + "/app.1.log")

                for compressor in [gzip, RecordingCompressor()] as [any ArchiveCompressor] {
                    let error = #expect(throws: CompressionError.self) {
                        try ArchiveCompression.compressArchive(at: dir + "/app.1.log", using: compressor)
                    }
                    #expect(error?.code == .sourceNotRegularFile)
                }

                #expect(try entries(dir) == ["app.1.log"])
                #expect(linkTarget(dir + "/app.1.log") == outside + "/secret")
                #expect(contents(outside + "/secret") == secret)
                #expect(try entries(outside) == ["secret"])
            }
        }
    }

    @Test(arguments: [false, true])
    func aLinkAtTheCompressedNameIsLeftAloneWithItsTarget(targetIsAMatchingGzip: Bool) throws {
        try withTemporaryDirectory { dir in
            try withTemporaryDirectory { outside in
                let source = dir + "/app.1.log"
                try writeFile(source, original)
                // Even a link to a gzip that matches the source is not Rotor's: the source stays.
                if targetIsAMatchingGzip {
                    _ = try gzip.compress(from: source, to: outside + "/target")
                } else {
                    try writeFile(outside + "/target", secret)
                }
                let target = try #require(contents(outside + "/target"))
                symlink(outside + "/target", source + ".gz")

                let error = #expect(throws: CompressionError.self) {
                    try ArchiveCompression.compressArchive(at: source, using: gzip)
                }

                #expect(error?.code == .destinationExists)
                #expect(error?.path == source + ".gz")
                #expect(linkTarget(source + ".gz") == outside + "/target")
                #expect(contents(outside + "/target") == target)
                #expect(contents(source) == original)
                #expect(try entries(dir) == ["app.1.log", "app.1.log.gz"])
            }
        }
    }

    @Test func aDanglingLinkAtTheCompressedNameIsNotReplacedNorFollowed() throws {
        try withTemporaryDirectory { dir in
            try withTemporaryDirectory { outside in
                let source = dir + "/app.1.log"
                try writeFile(source, original)
                symlink(outside + "/created-by-rotor", source + ".gz")

                let error = #expect(throws: CompressionError.self) {
                    try ArchiveCompression.compressArchive(at: source, using: gzip)
                }

                #expect(error?.code == .destinationExists)
                #expect(linkTarget(source + ".gz") == outside + "/created-by-rotor")
                #expect(try entries(outside).isEmpty)
                #expect(contents(source) == original)
            }
        }
    }

    @Test(arguments: [false, true])
    func aLinkAtTheTemporaryNameIsLeftAloneWithItsTarget(dangling: Bool) throws {
        try withTemporaryDirectory { dir in
            try withTemporaryDirectory { outside in
                let source = dir + "/app.1.log"
                try writeFile(source, original)
                if !dangling { try writeFile(outside + "/target", secret) }
                symlink(outside + "/target", source + ".gz.tmp")

                for compressor in [gzip, RecordingCompressor()] as [any ArchiveCompressor] {
                    let error = #expect(throws: CompressionError.self) {
                        try ArchiveCompression.compressArchive(at: source, using: compressor)
                    }
                    #expect(error?.code == .removeFailed)
                    #expect(error?.path == source + ".gz.tmp")
                }
                let error = #expect(throws: CompressionError.self) {
                    try ArchiveCompression.removeStaleTemporary(forArchiveAt: source, using: gzip)
                }
                #expect(error?.code == .removeFailed)

                #expect(linkTarget(source + ".gz.tmp") == outside + "/target")
                #expect(try entries(outside) == (dangling ? [] : ["target"]))
                if !dangling { #expect(contents(outside + "/target") == secret) }
                #expect(contents(source) == original)
                #expect(try entries(dir) == ["app.1.log", "app.1.log.gz.tmp"])
            }
        }
    }
}
