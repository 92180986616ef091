public import RotorCore

/// The domain of ``RetentionError``: errors thrown while configuring retention policies.
public enum RetentionErrorDomain: RotorErrorDomain {
    /// `"retention"`.
    public static var name: String { "retention" }
}

/// Errors thrown by `RotorRetention` when a policy is configured with a value out of range.
///
/// Every error has the code `.invalidConfiguration` and names the offending parameter in `field`:
///
/// | Thrown by | When | `field` |
/// |---|---|---|
/// | ``KeepCountRetention/init(_:)`` | `count < 0` | `"count"` |
/// | ``MaxTotalBytesRetention/init(_:)`` | `bytes <= 0` | `"maxTotalBytes"` |
/// | ``MaxAgeRetention/init(_:)`` | `age` not in 1 ns ... `Int64.max` ns | `"maxAge"` |
/// | ``RetentionRules/init(keep:maxTotalBytes:maxAge:)`` | a rule out of range | `"keep"`, `"maxTotalBytes"` or `"maxAge"` |
/// | ``RetentionRules/init(keep:maxTotalBytes:maxAge:)`` | no rule at all | `nil` |
/// | ``AnyOfRetention`` / ``AllOfRetention`` `init(_:)` (array) | empty list | `"policies"` |
///
/// ```swift
/// do { _ = try KeepCountRetention(-1) }
/// catch let error as RetentionError where error.code == .invalidConfiguration { print(error.field!) }   // "count"
/// ```
public typealias RetentionError = RotorError<RetentionErrorDomain>
