public import RotorCore

/// Rotates a non-empty existing file when the sink opens it, and never afterwards (log4j2's
/// `OnStartupTriggeringPolicy`).
///
/// Each process start then begins a fresh active file. On its own the file then grows without
/// limit; combine it with other strategies:
///
/// ```swift
/// let strategy = try AnyOfRotation([OnStartupRotation(), SizeRotation(maxBytes: 10 << 20)])
/// ```
///
/// The sink never archives an empty file, so opening an empty or missing file does nothing.
public struct OnStartupRotation: RotationStrategy, Hashable {
    /// Creates the strategy.
    public init() {}

    /// Always `true`: the sink rotates a non-empty file when it opens it.
    public var rotatesOnOpen: Bool { true }

    /// Always `false`: after opening, this strategy never asks for a rotation.
    public func shouldRotate(_ file: ActiveFileState, incomingBytes: Int, now: LogTimestamp) -> Bool { false }
}
