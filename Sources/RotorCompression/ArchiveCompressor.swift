/// Compresses one file into another, streaming, in bounded memory.
///
/// A compressor is a pure configuration value: the work happens in ``compress(from:to:)``, which
/// blocks the calling thread. It is meant for a background worker, never for a thread that writes
/// log records. ``ArchiveCompression/compressArchive(at:using:syncDirectory:)`` wraps it in the
/// crash-safe temporary-file protocol; call that rather than ``compress(from:to:)`` directly.
///
/// ``GzipCompressor`` is the built-in. Users may conform their own, for example a gzip writer
/// built on a faster deflate library, or one that runs `pigz`:
///
/// ```swift
/// struct PigzCompressor: ArchiveCompressor, Hashable {
///     var fileSuffix: String { ".gz" }
///     func compress(from source: String, to destination: String) throws -> CompressionOutcome { ... }
///     func isIntact(_ path: String) -> Bool { ... }
/// }
/// ```
///
/// `RotatingFileSink` names a compressed archive `<archive>.gz` and recognises only those names
/// (at open, in retention, and in the `rotor` tool), so a compressor given to it must write the
/// gzip format under the suffix `".gz"`; one with another suffix (`".zst"`, say) is refused when
/// the sink is made (`SinkError` `.invalidConfiguration`, field `compression`). Other suffixes are
/// for ``ArchiveCompression`` used on its own.
///
/// ### The paths it is given
///
/// ``ArchiveCompression`` opens the archive (and an existing compressed file) itself, without
/// following symbolic links, and on Linux hands a custom compressor paths that lead to what it
/// opened: `/proc/self/fd/<n>` for a file to read, and `/proc/self/fd/<directory>/<name>.tmp` for
/// the file to create. Treat them as opaque: open them, never derive other names from them.
///
/// ### Comparing configurations
///
/// When two sinks are configured for one path, the sink compares their compressors with
/// ``isEqual(to:)``. A compressor that is `Equatable` gets it for free; others must implement it.
public protocol ArchiveCompressor: Sendable {
    /// The suffix appended to a compressed archive's name, for example `".gz"`.
    ///
    /// It must not be empty and must not contain `/`.
    var fileSuffix: String { get }

    /// Streams `source` into a new file `destination`, then `fsync`s `destination`.
    ///
    /// `destination` is created with `O_CREAT | O_EXCL` and must not exist. Memory use is bounded
    /// whatever the size of `source`. On failure the implementation should remove what it created;
    /// ``ArchiveCompression`` removes it anyway. `source` is never modified.
    ///
    /// - Parameters:
    ///   - source: The file to compress.
    ///   - destination: The compressed file to create.
    /// - Returns: The sizes and the time spent.
    /// - Throws: A ``CompressionError``.
    func compress(from source: String, to destination: String) throws -> CompressionOutcome

    /// Whether `path` is a complete, intact compressed file.
    ///
    /// Empty and truncated files answer `false`, as does a file that cannot be read. For gzip: it
    /// decompresses to the end with valid CRC-32 and ISIZE trailers and no trailing bytes.
    func isIntact(_ path: String) -> Bool

    /// Whether `path` is intact and decompresses to exactly the bytes of `original`.
    ///
    /// ``ArchiveCompression`` asks this before it trusts a compressed file that a previous run left
    /// next to its source, and deletes the source only on `true`. The default implementation
    /// answers ``isIntact(_:)`` without comparing contents; ``GzipCompressor`` compares them.
    func isIntact(_ path: String, matching original: String) -> Bool

    /// Whether `other` is the same configuration as this compressor.
    ///
    /// Equatable compressors get a default implementation that compares with `==` when `other`
    /// has the same type, and answers `false` otherwise.
    func isEqual(to other: any ArchiveCompressor) -> Bool
}

extension ArchiveCompressor {
    /// Default: ``isIntact(_:)`` of `path`; the content is not compared with `original`.
    public func isIntact(_ path: String, matching original: String) -> Bool {
        isIntact(path)
    }
}

extension ArchiveCompressor where Self: Equatable {
    /// Compares with `==` when `other` has the same type as `self`; otherwise `false`.
    public func isEqual(to other: any ArchiveCompressor) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
