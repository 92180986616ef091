public import RotorCore

/// The domain of ``RotationError``: errors thrown while configuring rotation strategies and
/// archive naming.
public enum RotationErrorDomain: RotorErrorDomain {
    /// `"rotation"`.
    public static var name: String { "rotation" }
}

/// Errors thrown by `RotorRotation` when a strategy is configured with a value out of range.
///
/// Every error names the offending parameter in `field`:
///
/// | Code | Thrown by | `field` |
/// |---|---|---|
/// | `.invalidSize` | ``SizeRotation/init(maxBytes:)`` | `"maxBytes"` |
/// | `.invalidInterval` | ``TimeRotation/every(_:)`` | `"interval"` |
/// | `.invalidTimeOfDay` | ``TimeOfDay/init(hour:minute:second:)`` | `"hour"`, `"minute"` or `"second"` |
/// | `.emptyStrategyList` | ``AnyOfRotation`` `init(_:)` (array) | `"strategies"` |
///
/// ```swift
/// do { _ = try SizeRotation(maxBytes: 0) }
/// catch let error as RotationError where error.code == .invalidSize { print(error.field!) }   // "maxBytes"
/// ```
public typealias RotationError = RotorError<RotationErrorDomain>

extension RotorError.Code where Domain == RotationErrorDomain {
    /// A size limit is zero or negative.
    public static var invalidSize: Self { Self("invalidSize") }

    /// A rotation interval is shorter than one second or too long to represent in nanoseconds.
    public static var invalidInterval: Self { Self("invalidInterval") }

    /// An hour, minute or second of a ``TimeOfDay`` is out of range.
    public static var invalidTimeOfDay: Self { Self("invalidTimeOfDay") }

    /// ``AnyOfRotation`` was given no strategies.
    public static var emptyStrategyList: Self { Self("emptyStrategyList") }
}
