import Foundation
import RotorCompression
import RotorCore
import RotorTestKit
import Testing

/// `GzipReader` is new public API in RotorCompression, written for the CLI.
@Suite struct GzipReaderTests {
    @Test func streamsTheContentOfOneOrMoreMembers() throws {
        try withTemporaryDirectory { dir in
            let first = Array((0..<5_000).map { "line \($0)\n" }.joined().utf8)
            let second = Array("tail\n".utf8)
            try Data(first).write(to: URL(fileURLWithPath: dir + "/a"))
            try Data(second).write(to: URL(fileURLWithPath: dir + "/b"))
            _ = try GzipCompressor().compress(from: dir + "/a", to: dir + "/a.gz")
            _ = try GzipCompressor().compress(from: dir + "/b", to: dir + "/b.gz")
            let concatenated =
                try Data(contentsOf: URL(fileURLWithPath: dir + "/a.gz"))
                + Data(contentsOf: URL(fileURLWithPath: dir + "/b.gz"))
            try concatenated.write(to: URL(fileURLWithPath: dir + "/ab.gz"))

            var content: [UInt8] = []
            var chunks = 0
            let count = try GzipReader(path: dir + "/ab.gz").forEachChunk { chunk in
                content += chunk
                chunks += 1
            }
            #expect(content == first + second)
            #expect(count == Int64(first.count + second.count))
            #expect(chunks >= 1)
        }
    }

    @Test func reportsDamageAfterDeliveringWhatPrecedesIt() throws {
        try withTemporaryDirectory { dir in
            let original = Array((0..<20_000).map { "record \($0)\n" }.joined().utf8)
            try Data(original).write(to: URL(fileURLWithPath: dir + "/a"))
            _ = try GzipCompressor(level: 1).compress(from: dir + "/a", to: dir + "/a.gz")
            let compressed = try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/a.gz")))
            try Data(compressed.dropLast(20)).write(to: URL(fileURLWithPath: dir + "/cut.gz"))

            var delivered: [UInt8] = []
            #expect {
                try GzipReader(path: dir + "/cut.gz").forEachChunk { delivered += $0 }
            } throws: { ($0 as? CompressionError)?.code == .corruptData }
            #expect(!delivered.isEmpty && original.starts(with: delivered))

            try Data(compressed + [0]).write(to: URL(fileURLWithPath: dir + "/trailing.gz"))
            #expect { try GzipReader(path: dir + "/trailing.gz").forEachChunk { _ in } } throws: {
                ($0 as? CompressionError)?.code == .corruptData
            }
            try Data().write(to: URL(fileURLWithPath: dir + "/empty.gz"))
            #expect { try GzipReader(path: dir + "/empty.gz").forEachChunk { _ in } } throws: {
                ($0 as? CompressionError)?.code == .corruptData
            }
            #expect { try GzipReader(path: dir + "/missing.gz").forEachChunk { _ in } } throws: {
                ($0 as? CompressionError)?.code == .sourceMissing
            }
        }
    }

    @Test func stopsWhenTheBodyThrows() throws {
        struct Enough: Error {}
        try withTemporaryDirectory { dir in
            try Data(repeating: 0x61, count: 1 << 20).write(to: URL(fileURLWithPath: dir + "/a"))
            _ = try GzipCompressor().compress(from: dir + "/a", to: dir + "/a.gz")
            var calls = 0
            #expect(throws: Enough.self) {
                try GzipReader(path: dir + "/a.gz").forEachChunk { _ in
                    calls += 1
                    throw Enough()
                }
            }
            #expect(calls == 1)
        }
    }
}
