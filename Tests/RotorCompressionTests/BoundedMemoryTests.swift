import Foundation
import RotorCompression
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

#if os(Linux)
/// Compression streams: its peak memory does not grow with the file size.
///
/// The measurement runs in an exit test, a child process of its own, because the peak resident
/// size (`VmHWM`) is per process and tests running in parallel would disturb it.
@Suite struct BoundedMemoryTests {
    /// The size of the file compressed, 200 MiB (sparse, with random 1 MiB blocks every 16 MiB).
    static let fileSize = 200 << 20
    /// The allowed growth of the peak resident size while compressing.
    static let allowedGrowth = 32 << 20

    @Test func compressingA200MiBFileKeepsPeakMemorySmall() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            do {
                try BoundedMemoryTests.measure()
            } catch {
                BoundedMemoryTests.writeToStandardError("error: \(error)\n")
                exit(2)
            }
        }
        let report = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        let values = Self.parse(report)
        #expect(values["input"] == "\(Self.fileSize)", "\(report)")
        #expect(values["intact"] == "true", "\(report)")
        let growth = try #require(values["growth"].flatMap { Int($0) }, "\(report)")
        #expect(growth < Self.allowedGrowth, "peak RSS grew by \(growth >> 10) KiB: \(report)")
    }

    /// Runs in the child: compresses the big file and reports, on standard error,
    /// `input=<bytes> output=<bytes> growth=<bytes> intact=<bool> reset=<bool> seconds=<duration>`.
    static func measure() throws {
        try withTemporaryDirectory(prefix: "bounded-memory") { dir in
            let source = dir + "/big.log"
            let fd = open(source, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0, ftruncate(fd, off_t(fileSize)) == 0 else { exit(3) }
            let block = Inputs.random(count: 1 << 20, seed: 41)
            for offset in stride(from: 0, to: fileSize, by: 16 << 20) {
                let written = block.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
                guard written == block.count else { exit(3) }
            }
            close(fd)

            let gzip = GzipCompressor()
            // Reset the high-water mark to the current resident size (Linux 4.0+); if that is not
            // possible the old peak stays, which can only make the measured growth smaller.
            let reset = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
            let before = peakResidentBytes()
            let start = ContinuousClock.now
            let outcome = try ArchiveCompression.compressArchive(at: source, using: gzip, syncDirectory: false)
            let elapsed = start.duration(to: .now)
            let growth = peakResidentBytes() - before
            let intact = gzip.isIntact(source + ".gz")
            writeToStandardError(
                "input=\(outcome.inputBytes) output=\(outcome.outputBytes) growth=\(growth) intact=\(intact) "
                    + "reset=\(reset) seconds=\(elapsed.components.seconds)\n")
        }
    }

    /// The `key=value` pairs of the child's report.
    static func parse(_ report: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in report.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        return values
    }

    /// Writes `text` to file descriptor 2 (the exit test's observed standard error).
    static func writeToStandardError(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// `VmHWM` from `/proc/self/status`, in bytes.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}
#endif
