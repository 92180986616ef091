public import RotorCore

/// A strategy that never rotates: the active file grows without limit, as a plain file sink does.
public struct NeverRotation: RotationStrategy, Hashable {
    /// Creates the strategy.
    public init() {}

    /// Always `false`.
    public func shouldRotate(_ file: ActiveFileState, incomingBytes: Int, now: LogTimestamp) -> Bool { false }
}
