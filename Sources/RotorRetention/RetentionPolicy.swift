public import RotorCore
public import RotorRotation

/// Decides *which* archives of an active file to delete (log4j2's `DeleteAction` conditions,
/// logback's `maxHistory` and `totalSizeCap`).
///
/// A policy is a pure value: it does no I/O, keeps no mutable state, never throws and answers the
/// same way for the same input. The rotating file sink owns the I/O: it keeps an in-memory list of
/// the archives of each active file, asks the policy when it opens the file and after every
/// rotation, then deletes every file of each generation the policy returns.
///
/// The sink guarantees that the input holds only archives that its ``/RotorRotation/ArchiveNaming`` recognised
/// for this active file's name (so a foreign or look-alike file, for example `app.log.1.bak`, is
/// never counted or deleted), grouped into one ``ArchiveGeneration`` per rotation with
/// ``ArchiveGeneration/group(_:)``: a generation present both as a plain and a `.gz` file after an
/// interrupted compression counts once, and in-progress `.gz.tmp` files are left to the
/// compression recovery. The active file itself is never in the input.
///
/// Built-in policies:
///
/// | Policy | Deletes |
/// |---|---|
/// | ``KeepCountRetention`` | all but the newest `count` generations |
/// | ``MaxTotalBytesRetention`` | the oldest generations until the rest fit in the cap, never the newest |
/// | ``MaxAgeRetention`` | generations rotated more than `maxAge` (real elapsed time) ago |
/// | ``RetentionRules`` | the three above applied in a documented order |
/// | ``AnyOfRetention`` | what any child deletes (union) |
/// | ``AllOfRetention`` | what every child deletes (intersection) |
/// | ``NoRetention`` | nothing |
///
/// ### Writing a policy
///
/// ```swift
/// /// Keeps the archives of the newest `days` distinct UTC days that have archives.
/// struct DistinctDaysRetention: RetentionPolicy, Hashable {
///     var days: Int
///     func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
///         let day = { (g: ArchiveGeneration) in g.id.millisecondsSinceEpoch / 86_400_000 }
///         let kept = Set(Set(generations.map(day)).sorted().suffix(days))
///         return Set(generations.filter { !kept.contains(day($0)) }.map(\.id))
///     }
/// }
/// ```
///
/// ### Comparing configurations
///
/// When two sinks are configured for one path, the sink compares their policies with
/// ``isEqual(to:)``. A policy that is `Equatable` gets it for free; others must implement it.
public protocol RetentionPolicy: Sendable {
    /// The IDs of the generations to delete.
    ///
    /// Must not throw, must do no I/O and must be deterministic: the same generations and `now`
    /// give the same answer. Return only IDs of generations in `generations`; the sink ignores
    /// any other ID.
    ///
    /// - Parameters:
    ///   - generations: The archives of one active file, oldest first (the newest last), each ID
    ///     once.
    ///   - now: The sink clock's current time. It may be earlier than some archives' rotation
    ///     time when the clock stepped back.
    /// - Returns: The IDs of the generations to delete; empty to keep everything.
    func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID>

    /// Whether `other` is the same configuration as this policy.
    ///
    /// Equatable policies get a default implementation that compares with `==` when `other` has
    /// the same type, and answers `false` otherwise.
    func isEqual(to other: any RetentionPolicy) -> Bool
}

extension RetentionPolicy where Self: Equatable {
    /// Compares with `==` when `other` has the same type as `self`; otherwise `false`.
    public func isEqual(to other: any RetentionPolicy) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
