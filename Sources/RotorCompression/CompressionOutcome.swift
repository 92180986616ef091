/// What compressing one file did: the sizes before and after, and how long it took.
///
/// ```swift
/// let outcome = try ArchiveCompression.compressArchive(at: path, using: GzipCompressor())
/// print("\(outcome.inputBytes) → \(outcome.outputBytes) bytes in \(outcome.duration)")
/// ```
public struct CompressionOutcome: Sendable, Hashable {
    /// The number of bytes read from the source file.
    public var inputBytes: Int64
    /// The size of the compressed file.
    public var outputBytes: Int64
    /// The wall time spent, measured with `ContinuousClock`.
    public var duration: Duration

    /// Creates an outcome; custom ``ArchiveCompressor``s return one from
    /// ``ArchiveCompressor/compress(from:to:)``.
    public init(inputBytes: Int64, outputBytes: Int64, duration: Duration) {
        self.inputBytes = inputBytes
        self.outputBytes = outputBytes
        self.duration = duration
    }
}
