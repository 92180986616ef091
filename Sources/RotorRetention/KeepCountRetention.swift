public import RotorCore
public import RotorRotation

/// Keeps the newest `count` generations and deletes the older ones (logback's `maxHistory` for
/// size-based rotation, lumberjack's `MaxBackups`).
///
/// Generations are ordered by ``ArchiveID``, which ``ArchiveID/next(after:now:)`` keeps
/// increasing even when the clock steps back, so "newest" means "rotated last", not "carries the
/// latest timestamp". A generation present both as a plain and a `.gz` file counts once (see
/// ``ArchiveGeneration``).
///
/// `count` 0 keeps no archive at all: every generation is deleted after each rotation, so only
/// the active file remains. Use ``NoRetention`` to keep everything.
///
/// ```swift
/// let policy = try KeepCountRetention(7)   // the active file + at most 7 archives
/// ```
public struct KeepCountRetention: RetentionPolicy, Hashable {
    /// The number of newest generations kept, `0` or more.
    public let count: Int

    /// Creates a count policy.
    ///
    /// - Parameter count: How many of the newest generations to keep; `0` keeps none.
    /// - Throws: ``RetentionError`` with code `.invalidConfiguration` and field `"count"` when
    ///   `count < 0`.
    public init(_ count: Int) throws {
        try self.init(validating: count, field: "count")
    }

    /// Validates `count`, reporting `field` on failure (``RetentionRules`` calls it `keep`).
    init(validating count: Int, field: String) throws {
        guard count >= 0 else {
            throw RetentionError(.invalidConfiguration, "the number of archives to keep must be 0 or more, got \(count)", field: field)
        }
        self.count = count
    }

    /// The IDs of all generations but the newest ``count``.
    public func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        let ordered = generations.oldestFirst()
        return ordered.ids(ofFirst: ordered.count - count)
    }
}
