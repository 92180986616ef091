public import Logging

/// One log statement, as it travels from the call site to the sinks.
///
/// The level and metadata types are swift-log's own (`Logger.Level`, `Logger.Metadata`), so records
/// made by the `RotorLogging` bridge carry exactly what the call site passed.
public struct LogRecord: Sendable {
    /// When the statement was made (wall clock, nanosecond resolution).
    public var timestamp: LogTimestamp
    /// The severity.
    public var level: Logger.Level
    /// The logger's label, for example `com.example.server`.
    public var label: String
    /// The message text.
    public var message: String
    /// Structured metadata (nested dictionaries, arrays, strings and string-convertibles).
    public var metadata: Logger.Metadata
    /// The module or subsystem that emitted the record.
    public var source: String
    /// The file (usually `#fileID`) of the call site.
    public var file: String
    /// The function of the call site.
    public var function: String
    /// The line of the call site.
    public var line: UInt
    /// An error attached to the statement, if any.
    public var error: (any Error)?

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - timestamp: When the statement was made.
    ///   - level: The severity.
    ///   - label: The logger's label.
    ///   - message: The message text.
    ///   - metadata: Structured metadata; empty by default.
    ///   - source: The emitting module; empty by default.
    ///   - file: The call site's file.
    ///   - function: The call site's function.
    ///   - line: The call site's line.
    ///   - error: An attached error.
    public init(
        timestamp: LogTimestamp,
        level: Logger.Level,
        label: String,
        message: String,
        metadata: Logger.Metadata = [:],
        source: String = "",
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line,
        error: (any Error)? = nil
    ) {
        self.timestamp = timestamp
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
        self.source = source
        self.file = file
        self.function = function
        self.line = line
        self.error = error
    }
}
