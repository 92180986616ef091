public import RotorCore

/// The domain of ``CompressionError``: errors thrown while configuring a compressor or compressing
/// an archive.
public enum CompressionErrorDomain: RotorErrorDomain {
    /// `"compression"`.
    public static var name: String { "compression" }
}

/// Errors thrown by `RotorCompression`.
///
/// I/O failures carry the ``/RotorCore/SystemCallError`` of the failing system call in `cause` and the file involved in
/// `path`; configuration errors name the parameter in `field`.
///
/// | Code | Meaning | `cause` |
/// |---|---|---|
/// | `.invalidConfiguration` | a parameter is out of range, e.g. ``GzipCompressor/init(level:)`` `level` | — |
/// | `.sourceMissing` | the file to compress does not exist | `ENOENT` |
/// | `.sourceNotRegularFile` | the file to compress is a directory, FIFO, device… | — |
/// | `.readFailed` | opening, `fstat`ing or reading the source failed | the ``/RotorCore/SystemCallError`` |
/// | `.writeFailed` | creating, writing, `fchmod`ing, `fsync`ing or closing the destination failed (`ENOSPC`, `EEXIST`, …) | the ``/RotorCore/SystemCallError`` |
/// | `.zlibFailed` | zlib returned an unexpected code (message carries the code and zlib's text) | — |
/// | `.renameFailed` | `rename(2)` of the finished temporary file to the final name failed | the ``/RotorCore/SystemCallError`` |
/// | `.syncFailed` | `fsync(2)` of the directory or of an existing archive failed | the ``/RotorCore/SystemCallError`` |
/// | `.removeFailed` | `unlink(2)` of a stale temporary file, a broken archive or the compressed source failed | the ``/RotorCore/SystemCallError`` |
/// | `.destinationExists` | an intact compressed file with *different* content already has the final name | — |
/// | `.compressorFailed` | a custom ``ArchiveCompressor`` threw an error that is not a `CompressionError` | that error |
///
/// ```swift
/// do { _ = try GzipCompressor(level: 10) }
/// catch let error as CompressionError where error.code == .invalidConfiguration { print(error.field!) }   // "level"
/// ```
public typealias CompressionError = RotorError<CompressionErrorDomain>

extension RotorError.Code where Domain == CompressionErrorDomain {

    /// The file to compress does not exist.
    public static var sourceMissing: Self { Self("sourceMissing") }

    /// The file to compress is not a regular file.
    public static var sourceNotRegularFile: Self { Self("sourceNotRegularFile") }

    /// Opening, inspecting or reading the file to compress failed.
    public static var readFailed: Self { Self("readFailed") }

    /// Creating, writing, syncing or closing the compressed file failed.
    public static var writeFailed: Self { Self("writeFailed") }

    /// zlib reported an error.
    public static var zlibFailed: Self { Self("zlibFailed") }

    /// Renaming the finished temporary file to its final name failed.
    public static var renameFailed: Self { Self("renameFailed") }

    /// Syncing the directory (or an existing archive) to stable storage failed.
    public static var syncFailed: Self { Self("syncFailed") }

    /// Removing a file (a stale temporary file, a broken archive or the compressed source) failed.
    public static var removeFailed: Self { Self("removeFailed") }

    /// An intact compressed file whose content differs from the source already has the final name.
    public static var destinationExists: Self { Self("destinationExists") }

    /// A custom compressor threw an error of another type; it is the `cause`.
    public static var compressorFailed: Self { Self("compressorFailed") }
}
