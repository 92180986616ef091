public import RotorCore

/// Decides *when* the active log file is rotated (archived and replaced by an empty one).
///
/// A strategy is a pure value: it does no I/O and keeps no mutable state. The rotating file sink
/// owns the state (an ``ActiveFileState`` per path) and asks the strategy two questions:
///
/// - ``deadline(forPeriodStartingAt:)``, once per active file (when it is opened and after each
///   rotation), off the hot path. The sink caches the answer in ``ActiveFileState/deadline``.
/// - ``shouldRotate(_:incomingBytes:now:)``, under the per-path lock before **every** write. It
///   must be cheap: no system calls, no allocation, no `Calendar`.
///
/// The sink guarantees that it never archives an empty file (when `shouldRotate` answers `true`
/// while ``ActiveFileState/bytes`` is 0 it only starts a new period), that the period after a
/// rotation starts at the rotation's `now`, and that it refreshes the cached deadline from that
/// `now`. A time-based strategy can therefore answer with `now >= deadline`: a clock stepping back
/// only delays the rotation, and a clock jumping forward (even by years) rotates exactly once,
/// because the next deadline is computed from the new `now`.
///
/// Built-in strategies: ``SizeRotation``, ``TimeRotation``, ``OnStartupRotation``,
/// ``NeverRotation`` and the combinator ``AnyOfRotation``.
///
/// ### Comparing configurations
///
/// When two sinks are configured for one path, the sink compares their strategies with
/// ``isEqual(to:)``. A strategy that is `Equatable` gets it for free; others must implement it.
public protocol RotationStrategy: Sendable {
    /// The instant at which the period that starts at `start` ends.
    ///
    /// Called once per active file (at open and after each rotation), off the hot path, so it may
    /// use `Calendar` and `TimeZone`.
    ///
    /// - Parameter start: The start of the period, ``ActiveFileState/periodStart``.
    /// - Returns: An instant strictly later than `start`, or `nil` if time never causes a rotation.
    func deadline(forPeriodStartingAt start: LogTimestamp) -> LogTimestamp?

    /// Whether the active file must be rotated before a record of `incomingBytes` is written.
    ///
    /// Asked under the per-path lock before every write: it must not make system calls, allocate
    /// or use `Calendar`.
    ///
    /// - Parameters:
    ///   - file: The state of the active file, including the cached ``ActiveFileState/deadline``.
    ///   - incomingBytes: The size of the formatted record about to be written.
    ///   - now: The sink clock's current time.
    /// - Returns: `true` to rotate first, then write the record into the new file.
    func shouldRotate(_ file: ActiveFileState, incomingBytes: Int, now: LogTimestamp) -> Bool

    /// The size limit of the active file, if any. The sink counts a record larger than this as
    /// oversize and writes it alone into a file. Default: `nil`.
    var maximumFileBytes: Int64? { get }

    /// Whether a non-empty existing file is rotated when the sink opens it (log4j2's `OnStartup`
    /// policy). Default: `false`.
    var rotatesOnOpen: Bool { get }

    /// Whether `other` is the same configuration as this strategy.
    ///
    /// Equatable strategies get a default implementation that compares with `==` when `other` has
    /// the same type, and answers `false` otherwise.
    func isEqual(to other: any RotationStrategy) -> Bool
}

extension RotationStrategy {
    /// Default: time never causes a rotation.
    public func deadline(forPeriodStartingAt start: LogTimestamp) -> LogTimestamp? { nil }

    /// Default: no size limit.
    public var maximumFileBytes: Int64? { nil }

    /// Default: an existing file is appended to, not rotated, when the sink opens it.
    public var rotatesOnOpen: Bool { false }
}

extension RotationStrategy where Self: Equatable {
    /// Compares with `==` when `other` has the same type as `self`; otherwise `false`.
    public func isEqual(to other: any RotationStrategy) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
