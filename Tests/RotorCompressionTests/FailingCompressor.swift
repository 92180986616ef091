import Foundation
import RotorCompression

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A user-defined compressor that fails on purpose, to drive `ArchiveCompression` down its
/// failure paths (and to show that the protocol can be conformed to outside the module).
struct FailingCompressor: ArchiveCompressor, Hashable {
    enum Mode: Hashable {
        /// Writes half a file to the destination, then throws an error that is not a CompressionError.
        case throwForeignError
        /// Compresses correctly, then makes the final name a non-empty directory so `rename` fails.
        case blockFinalNameWithDirectory
        /// Reports an empty suffix.
        case emptySuffix
    }

    struct Failure: Error, Equatable {}

    var mode: Mode

    var fileSuffix: String { mode == .emptySuffix ? "" : ".gz" }

    func compress(from source: String, to destination: String) throws -> CompressionOutcome {
        switch mode {
        case .throwForeignError:
            try Data("partial".utf8).write(to: URL(fileURLWithPath: destination))
            throw Failure()
        case .blockFinalNameWithDirectory:
            let outcome = try GzipCompressor().compress(from: source, to: destination)
            let final = String(destination.dropLast(".tmp".count))
            mkdir(final, 0o755)
            _ = FileManager.default.createFile(atPath: final + "/occupant", contents: Data("x".utf8))
            return outcome
        case .emptySuffix:
            return CompressionOutcome(inputBytes: 0, outputBytes: 0, duration: .zero)
        }
    }

    func isIntact(_ path: String) -> Bool { false }
}
