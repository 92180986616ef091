import RotorCompression
import RotorCore
import RotorRotation
import RotorSystem

/// What `prune` does to one file, through the log's open directory and never through a symbolic
/// link. Each returns `false` after reporting a failure on standard error.
extension Prune {
    /// Deletes the archive `name` (or prints what would be deleted).
    func delete(_ name: String, in directory: DirectoryHandle, location: LogLocation, output: OutputBuffer) -> Bool {
        let path = location.path(of: name)
        if dryRun {
            output.writeLine("would delete \(path)")
            return true
        }
        // Listed as a regular file under the lock; anything else now is not an archive.
        if case .success(let info) = directory.status(of: name), !FileSystem.Info(info).isRegular {
            output.flush()
            StandardError.report("\(path): not deleted: no longer a regular file (left alone)")
            return false
        }
        if let error = directory.remove(name), error != .noSuchFileOrDirectory {
            output.flush()
            StandardError.report("\(path): cannot delete: \(error)")
            return false
        }
        output.writeLine("deleted \(path)")
        return true
    }

    /// Gzips the plain archive `name` (or prints what would be compressed).
    func gzip(_ name: String, in directory: DirectoryHandle, location: LogLocation, output: OutputBuffer) -> Bool {
        let path = location.path(of: name)
        if dryRun {
            output.writeLine("would compress \(path)")
            return true
        }
        do {
            _ = try ArchiveCompression.compressArchive(named: name, in: directory, using: Prune.gzipCompressor)
            output.writeLine("compressed \(path)")
            return true
        } catch let error as CompressionError where error.code == .destinationExists {
            output.flush()
            StandardError.report(
                "\(path): not compressed: \(error.path ?? path + ".gz") is not Rotor's compressed copy of it; both are left alone"
            )
            return false
        } catch {
            output.flush()
            StandardError.report("\(path): cannot compress: \(error)")
            return false
        }
    }

    /// The compressor, at gzip's default level.
    static let gzipCompressor = GzipCompressor()
}
