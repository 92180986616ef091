import Foundation
import RotorCompression
import RotorCore
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

#if os(Linux)
/// R3.2: the disk fills up while compressing. Needs permission to mount a tmpfs (root with
/// CAP_SYS_ADMIN); skipped otherwise.
@Suite struct DiskFullTests {
    /// Whether this process may mount a tmpfs, tried once on a scratch directory.
    static let canMountTmpfs: Bool = {
        guard geteuid() == 0, let dir = try? makeTemporaryDirectory(prefix: "tmpfs-probe") else { return false }
        defer { rmdir(dir) }
        guard mount("tmpfs", dir, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount2(dir, Int32(MNT_DETACH))
        return true
    }()

    @Test(.enabled(if: canMountTmpfs, "needs root with CAP_SYS_ADMIN to mount a tmpfs"))
    func aFullDiskKeepsTheSourceAndTheRetrySucceeds() throws {
        try withTemporaryDirectory { dir in
            let logs = dir + "/logs"
            mkdir(logs, 0o755)
            try #require(mount("tmpfs", logs, "tmpfs", 0, "size=1m") == 0)
            defer { umount2(logs, Int32(MNT_DETACH)) }

            // Incompressible, so the .gz needs about as much room again as the source.
            let original = Inputs.random(count: 700 << 10, seed: 31)
            let source = logs + "/app.1.log"
            try writeFile(source, original)
            let gzip = GzipCompressor()

            let error = #expect(throws: CompressionError.self) {
                try ArchiveCompression.compressArchive(at: source, using: gzip)
            }
            #expect(error?.code == .writeFailed)
            #expect(error?.cause as? SystemCallError == .noSpace)
            #expect(error?.path == source + ".gz.tmp")
            #expect(contents(source) == original)
            #expect(try entries(logs) == ["app.1.log"])

            // Space comes back: the retry finishes the job.
            try #require(mount("tmpfs", logs, "tmpfs", UInt(MS_REMOUNT), "size=4m") == 0)
            let outcome = try ArchiveCompression.compressArchive(at: source, using: gzip)
            #expect(outcome.inputBytes == Int64(original.count))
            #expect(try entries(logs) == ["app.1.log.gz"])
            #expect(try gzipDecompressed(source + ".gz", in: dir) == original)
        }
    }
}
#endif
