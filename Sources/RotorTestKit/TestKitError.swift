public import RotorCore

/// The domain of ``TestKitError``.
public enum TestKitErrorDomain: RotorErrorDomain {
    /// The name used in error descriptions: `"testkit"`.
    public static var name: String { "testkit" }
}

/// Errors thrown when a test-kit helper is set up with invalid options, for example an
/// ``InMemorySink`` with a capacity below one.
///
/// ```swift
/// do { _ = try InMemorySink(capacity: 0) }
/// catch let error as TestKitError where error.code == .invalidConfiguration { ... }
/// ```
public typealias TestKitError = RotorError<TestKitErrorDomain>
