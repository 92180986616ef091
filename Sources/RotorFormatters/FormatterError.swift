public import RotorCore

/// The domain of ``FormatterError``.
public enum FormatterErrorDomain: RotorErrorDomain {
    /// `"formatter"`.
    public static var name: String { "formatter" }
}

/// Errors thrown by `RotorFormatters` while a formatter is being set up.
///
/// Formatting itself never throws: every problem is detected when the formatter is created, for
/// example an unknown token in a ``TextFormatter`` pattern:
///
/// ```swift
/// do { _ = try TextFormatter(pattern: "{when} {message}") }
/// catch let error as FormatterError where error.code == .invalidPattern { ... }
/// ```
public typealias FormatterError = RotorError<FormatterErrorDomain>

extension RotorError.Code where Domain == FormatterErrorDomain {
    /// A ``TextFormatter`` pattern has an unknown token, an unbalanced brace or a line-breaking
    /// control character. The error's `field` is `"pattern"`.
    public static var invalidPattern: Self { Self("invalidPattern") }

}
