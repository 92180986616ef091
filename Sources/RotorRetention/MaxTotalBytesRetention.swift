public import RotorCore
public import RotorRotation

/// Deletes the oldest generations until the archives left take at most a total number of bytes
/// (logback's `totalSizeCap`), but always keeps the newest generation.
///
/// The policy keeps the longest run of newest generations whose sizes (``ArchiveGeneration/bytes``,
/// a half-compressed generation counted once) add up to at most ``maxTotalBytes``; everything older
/// is deleted, even a small archive that would still fit, because deletion goes oldest first.
/// A total exactly equal to the cap is within it.
///
/// The newest generation is kept **even if it alone exceeds the cap**: deleting the only recent
/// archive because one rotation produced a large file would lose the data most likely to be
/// needed. Afterwards the total is either at most the cap, or exactly the newest generation.
///
/// | Sizes, oldest → newest | Cap | Kept |
/// |---|---|---|
/// | 100, 100, 100 | 300 | all three (300 ≤ 300) |
/// | 100, 100, 100 | 299 | the newest two |
/// | 50, 300, 100 | 200 | the newest only (the 50 is older than the 300 that does not fit) |
/// | 100, 500 | 200 | the newest (500) only, above the cap |
///
/// Sums never overflow: a total beyond `Int64.max` counts as over the cap.
public struct MaxTotalBytesRetention: RetentionPolicy, Hashable {
    /// The largest total size of the archives kept, in bytes (except a single newest archive).
    public let maxTotalBytes: Int64

    /// Creates a total-size policy.
    ///
    /// - Parameter bytes: The cap on the archives' total size, in bytes; must be positive.
    /// - Throws: ``RetentionError`` with code `.invalidConfiguration` and field `"maxTotalBytes"`
    ///   when `bytes <= 0`.
    public init(_ bytes: Int64) throws {
        try self.init(validating: bytes, field: "maxTotalBytes")
    }

    /// Validates `bytes`, reporting `field` on failure.
    init(validating bytes: Int64, field: String) throws {
        guard bytes > 0 else {
            throw RetentionError(
                .invalidConfiguration, "the total size cap must be positive, got \(bytes)", field: field)
        }
        self.maxTotalBytes = bytes
    }

    /// The IDs of the oldest generations that do not fit in ``maxTotalBytes``; never the newest.
    public func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        let ordered = generations.oldestFirst()
        guard let newest = ordered.last else { return [] }
        var total = max(newest.bytes, 0)
        var kept = 1
        for generation in ordered.dropLast().reversed() {
            let (next, overflow) = total.addingReportingOverflow(max(generation.bytes, 0))
            guard !overflow, next <= maxTotalBytes else { break }  // beyond Int64.max is over any cap
            total = next
            kept += 1
        }
        return ordered.ids(ofFirst: ordered.count - kept)
    }
}
