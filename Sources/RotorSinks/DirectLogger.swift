public import Logging
public import RotorCore
public import RotorFormatters

/// The direct logging API: typed fields formatted straight into the sink's output buffer, with no
/// `String`, `Dictionary` or `Logger.Metadata` built per record.
///
/// ```swift
/// let log = DirectLogger(label: "api", sink: rotatingSink)
/// log.info("request handled") { fields in
///     fields.int("user_id", userID)
///     fields.string("path") { $0.append("/api/v1/items/"); $0.append(itemID) }
///     fields.double("latency_ms", latency)
/// }
/// ```
///
/// It lives beside swift-log's `Logger`, not instead of it: use `Logger` everywhere, and this on
/// the few paths where logging cost shows up in a profile. Messages are string literals
/// (`StaticString`), so they cost nothing to pass. Records below ``logLevel`` cost one comparison.
/// The logger is generic over its sink, so calls are dispatched statically.
public struct DirectLogger<Sink: TypedLogSink>: Sendable {
    /// The label written with each record.
    public let label: String
    /// Where records go.
    public let sink: Sink
    /// Records below this level are skipped.
    public var logLevel: Logger.Level
    /// Timestamps records; `nil` (the default) lets the sink timestamp them.
    ///
    /// A file sink timestamps a record with its ``FileSinkConfiguration/clock``, and the same
    /// reading decides the record's file (rotation at a time of day, for example), so the clock is
    /// read once per record. A clock given here is read for the timestamp, and the sink reads its
    /// own clock for its decisions.
    public var clock: (any LogClock)? { stampsRecords ? timestampClock : nil }
    /// The clock given, or an unused placeholder: a non-optional existential is called in place,
    /// where binding an optional one copies it (and the logger around it) on every record.
    @usableFromInline let timestampClock: any LogClock
    /// Whether a clock was given (otherwise the sink timestamps records).
    @usableFromInline let stampsRecords: Bool

    /// Creates a direct logger.
    ///
    /// - Parameters:
    ///   - label: The label written with each record.
    ///   - sink: Where records go.
    ///   - logLevel: Records below this level are skipped.
    ///   - clock: Timestamps records; `nil` (the default) lets the sink timestamp them with its
    ///     own clock (``FileSinkConfiguration/clock`` for file sinks).
    public init(label: String, sink: Sink, logLevel: Logger.Level = .info, clock: (any LogClock)? = nil) {
        self.label = label
        self.sink = sink
        self.logLevel = logLevel
        self.timestampClock = clock ?? SystemClock()
        self.stampsRecords = clock != nil
    }

    /// Logs a record at `level` if it is at or above ``logLevel``.
    @inlinable
    public func log(_ level: Logger.Level, _ message: StaticString, fields: (inout RecordFields) -> Void = { _ in }) {
        guard level >= logLevel else { return }
        if stampsRecords {
            sink.log(level: level, label: label, message: message, timestamp: timestampClock.now(), fields: fields)
        } else {
            sink.log(level: level, label: label, message: message, fields: fields)
        }
    }

    /// Logs at `.trace`.
    @inlinable
    public func trace(_ message: StaticString, fields: (inout RecordFields) -> Void = { _ in }) {
        log(.trace, message, fields: fields)
    }
    /// Logs at `.debug`.
    @inlinable
    public func debug(_ message: StaticString, fields: (inout RecordFields) -> Void = { _ in }) {
        log(.debug, message, fields: fields)
    }
    /// Logs at `.info`.
    @inlinable
    public func info(_ message: StaticString, fields: (inout RecordFields) -> Void = { _ in }) {
        log(.info, message, fields: fields)
    }
    /// Logs at `.notice`.
    @inlinable
    public func notice(_ message: StaticString, fields: (inout RecordFields) -> Void = { _ in }) {
        log(.notice, message, fields: fields)
    }
    /// Logs at `.warning`.
    @inlinable
    public func warning(_ message: StaticString, fields: (inout RecordFields) -> Void = { _ in }) {
        log(.warning, message, fields: fields)
    }
    /// Logs at `.error`.
    @inlinable
    public func error(_ message: StaticString, fields: (inout RecordFields) -> Void = { _ in }) {
        log(.error, message, fields: fields)
    }
    /// Logs at `.critical`.
    @inlinable
    public func critical(_ message: StaticString, fields: (inout RecordFields) -> Void = { _ in }) {
        log(.critical, message, fields: fields)
    }
}
