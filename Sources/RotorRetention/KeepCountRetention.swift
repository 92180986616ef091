public import RotorCore
public import RotorRotation

/// Keeps the newest `count` generations and deletes the older ones (logback's `maxHistory` for
/// size-based rotation, lumberjack's `MaxBackups`).
///
/// Generations are ordered by ``/RotorRotation/ArchiveID``, which ``/RotorRotation/ArchiveID/next(after:now:)`` keeps
/// increasing even when the clock steps back, so "newest" means "rotated last", not "carries the
/// latest timestamp". A generation present both as a plain and a `.gz` file counts once (see
/// ``ArchiveGeneration``).
///
/// `count` must be 1 or more. A count of 0 is refused: in lumberjack, spdlog and most other
/// loggers 0 means "keep every archive", so a configuration ported from them would otherwise
/// delete every archive, silently. Use ``NoRetention`` to keep everything.
///
/// ```swift
/// let policy = try KeepCountRetention(7)   // the active file + at most 7 archives
/// ```
public struct KeepCountRetention: RetentionPolicy, Hashable {
    /// The number of newest generations kept, `1` or more (`0` only through ``RetentionRules``,
    /// where `rotor prune --keep 0` asks for it explicitly).
    public let count: Int

    /// Creates a count policy.
    ///
    /// - Parameter count: How many of the newest generations to keep, 1 or more.
    /// - Throws: ``RetentionError`` with code `.invalidConfiguration` and field `"count"` when
    ///   `count < 1`; for 0 the message points to ``NoRetention``.
    public init(_ count: Int) throws {
        guard count != 0 else {
            throw RetentionError(
                .invalidConfiguration,
                "KeepCountRetention(0) would delete every archive; elsewhere 0 often means \"keep all\": "
                    + "use NoRetention() to keep every archive, or a count of 1 or more",
                field: "count")
        }
        try self.init(validating: count, field: "count")
    }

    /// Validates `count` (0 allowed), reporting `field` on failure (``RetentionRules`` calls it `keep`).
    init(validating count: Int, field: String) throws {
        guard count >= 0 else {
            throw RetentionError(
                .invalidConfiguration, "the number of archives to keep must be 0 or more, got \(count)", field: field)
        }
        self.count = count
    }

    /// The IDs of all generations but the newest ``count``.
    public func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        let ordered = generations.oldestFirst()
        return ordered.ids(ofFirst: ordered.count - count)
    }
}
