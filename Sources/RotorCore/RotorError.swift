/// Names the module an error comes from; see ``RotorError``.
public protocol RotorErrorDomain: Sendable {
    /// A short name used in descriptions, for example `"sink"`.
    static var name: String { get }
}

/// A set-up error thrown by a Rotor module: a code that names what went wrong, a message with the
/// details, the configuration field at fault (if any), the path involved (if any) and an underlying
/// cause.
///
/// Each module has its own error type, an instance of this generic struct with the module's domain,
/// for example `SinkError` (``RotorError``<`SinkErrorDomain`>) or ``CoreError``. Codes are
/// extensible: modules add them as static members in a constrained extension of ``Code``, so new
/// codes never break a `switch`-free `catch`:
///
/// ```swift
/// do { _ = try FileSink(path: "/var/log") }
/// catch let error as SinkError where error.code == .pathIsDirectory { ... }
/// ```
public struct RotorError<Domain: RotorErrorDomain>: Error, CustomStringConvertible {
    /// What went wrong, as an open set of named codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, for example `"pathIsDirectory"`.
        public let name: String

        /// Creates a code. Modules define their codes as static members; see ``RotorError``.
        public init(_ name: String) { self.name = name }

        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A human-readable explanation with the values involved.
    public var message: String
    /// The configuration field at fault, for example `"maxBytes"`.
    public var field: String?
    /// The file-system path involved, if any.
    public var path: String?
    /// The underlying error, for example an ``SystemCallError``.
    public var cause: (any Error)?
    /// The source file that threw.
    public var file: String
    /// The source line that threw.
    public var line: Int

    /// Creates an error.
    public init(
        _ code: Code,
        _ message: String,
        field: String? = nil,
        path: String? = nil,
        cause: (any Error)? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.path = path
        self.cause = cause
        self.file = file
        self.line = line
    }

    public var description: String {
        var text = "\(Domain.name) error \(code): \(message)"
        if let field { text += " [field: \(field)]" }
        if let path { text += " [path: \(path)]" }
        if let cause { text += " (cause: \(cause))" }
        return text
    }
}

/// The domain of ``CoreError``.
public enum CoreErrorDomain: RotorErrorDomain {
    public static var name: String { "core" }
}

/// Errors thrown by `RotorCore`.
public typealias CoreError = RotorError<CoreErrorDomain>

extension RotorError.Code {
    /// A configuration value is out of its allowed range, or settings contradict each other;
    /// ``RotorError/field`` names the setting. Every module throws it (`SinkError`,
    /// `RetentionError`, ``CoreError``, …), so it is declared once, for every domain.
    public static var invalidConfiguration: Self { Self("invalidConfiguration") }
}
