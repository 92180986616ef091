import Foundation
import RotorCompression

/// A user-defined compressor (gzip underneath) that records the paths `ArchiveCompression` gives
/// its path-based methods, and can run an action after compressing.
final class RecordingCompressor: ArchiveCompressor, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String] = []
    private let afterCompressing: @Sendable () -> Void

    init(afterCompressing: @escaping @Sendable () -> Void = {}) {
        self.afterCompressing = afterCompressing
    }

    /// `compress <source> <destination>`, `isIntact <path> <original>`, in call order.
    var recorded: [String] { lock.withLock { calls } }

    var fileSuffix: String { ".gz" }

    func compress(from source: String, to destination: String) throws -> CompressionOutcome {
        lock.withLock { calls.append("compress \(source) \(destination)") }
        let outcome = try GzipCompressor().compress(from: source, to: destination)
        afterCompressing()
        return outcome
    }

    func isIntact(_ path: String) -> Bool { GzipCompressor().isIntact(path) }

    func isIntact(_ path: String, matching original: String) -> Bool {
        lock.withLock { calls.append("isIntact \(path) \(original)") }
        return GzipCompressor().isIntact(path, matching: original)
    }

    func isEqual(to other: any ArchiveCompressor) -> Bool { (other as? RecordingCompressor) === self }
}
