import Foundation
import RotorCompression
import RotorCore
import RotorRetention
import RotorRotation
import RotorTestKit
import Testing

@testable import RotorSinks

/// Retention bounds the disk whatever the pace of compression, and every open file shares the
/// process's few background threads.
@Suite struct BoundedBackgroundTests {
    /// The generations of `app.log` on disk: an archive, its compressed copy and a compression's
    /// temporary file are one generation.
    private func generations(in dir: String) throws -> Set<String> {
        Set(
            try archiveNames(in: dir).map { name in
                var stem = Substring(name)
                for suffix in [".tmp", ".gz"] where stem.hasSuffix(suffix) { stem = stem.dropLast(suffix.count) }
                return String(stem)
            })
    }

    @Test func keepCountHoldsWhileCompressionFallsBehind() throws {
        try withTemporaryDirectory { dir in
            let keep = 3
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 2_000),
                compression: SlowGzipCompressor(delay: 0.2), retention: KeepCountRetention(keep))
            var most = 0
            var behind = 0
            for index in 0..<160 {
                sink.log(recordOfSize(500))
                guard index % 4 == 3 else { continue }
                // The quick queue's work (names, retention) is done; compression may be far behind.
                sink.writer.channel.background.waitUntilIdle()
                let statistics = sink.statistics
                if statistics.compressions + 2 < statistics.rotations - statistics.retentionDeletions { behind += 1 }
                most = max(most, try generations(in: dir).count)
            }
            sink.close()
            // At most `keep` archives plus the one being compressed, at every moment looked at.
            #expect(most <= keep + 1, "\(most) generations on disk")
            #expect(behind > 0, "compression never fell behind: the test proved nothing")
            #expect(try generations(in: dir).count == keep)
            #expect(try archiveNames(in: dir).allSatisfy { $0.hasSuffix(".gz") })
            let statistics = sink.statistics
            #expect(statistics.rotations == 39)
            #expect(statistics.retentionDeletions == 39 - keep)
        }
    }

    @Test func aTotalSizeCapHoldsWhileCompressionFallsBehind() throws {
        try withTemporaryDirectory { dir in
            let cap: Int64 = 6_000
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: PlainLineFormatter(), strategy: SizeRotation(maxBytes: 2_000),
                compression: SlowGzipCompressor(delay: 0.2), retention: MaxTotalBytesRetention(cap))
            var most: Int64 = 0
            for index in 0..<120 {
                sink.log(recordOfSize(500))
                guard index % 4 == 3 else { continue }
                sink.writer.channel.background.waitUntilIdle()
                var total: Int64 = 0
                for name in try archiveNames(in: dir) where !name.hasSuffix(".tmp") {
                    total += Int64(try fileSize(dir + "/" + name))
                }
                most = max(most, total)
            }
            sink.close()
            // Plain archives count at their real size: the cap plus the one being compressed.
            #expect(most <= cap + 2_000, "\(most) bytes of archives on disk")
        }
    }

    /// The threads of the background pool, by their name.
    private func backgroundThreads() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").filter { task in
            let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == BackgroundPool.threadName
        }.count
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/task")), arguments: [1, 20, 200])
    func openFilesShareAFewBackgroundThreads(files: Int) throws {
        try withTemporaryDirectory { dir in
            let sinks = try (0..<files).map { index in
                try RotatingFileSink(
                    path: dir + "/app-\(index).log", formatter: PlainLineFormatter(),
                    strategy: SizeRotation(maxBytes: 2_000), compression: GzipCompressor(),
                    retention: KeepCountRetention(2))
            }
            // Every file rotates, compresses and applies retention at once.
            for _ in 0..<3 {
                for sink in sinks { for _ in 0..<4 { sink.log(recordOfSize(600)) } }
            }
            let threads = try backgroundThreads()
            for sink in sinks { sink.close() }
            print("open files: \(files), background threads: \(threads)")
            #expect(threads >= 1)
            #expect(threads <= BackgroundPool.shared.maximumThreads + 1, "\(threads) background threads")
            for (index, sink) in sinks.enumerated() {
                #expect(sink.statistics.rotations >= 2)
                #expect(try archiveNames(in: dir, base: "app-\(index).log").allSatisfy { $0.hasSuffix(".gz") })
            }
        }
    }
}
