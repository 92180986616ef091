public import RotorCore
public import RotorRotation

/// A policy that keeps every archive: archives accumulate without limit.
public struct NoRetention: RetentionPolicy, Hashable {
    /// Creates the policy.
    public init() {}

    /// Always empty.
    public func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> { [] }
}
