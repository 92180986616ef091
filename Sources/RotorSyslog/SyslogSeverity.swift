public import Logging

/// The severity of a syslog message (RFC 5424 section 6.2.1), `0` (emergency) to `7` (debug).
public enum SyslogSeverity: Int, Sendable, Hashable, CaseIterable {
    /// The system is unusable (0).
    case emergency = 0
    /// Action must be taken immediately (1).
    case alert = 1
    /// Critical conditions (2).
    case critical = 2
    /// Error conditions (3).
    case error = 3
    /// Warning conditions (4).
    case warning = 4
    /// Normal but significant conditions (5).
    case notice = 5
    /// Informational messages (6).
    case informational = 6
    /// Debug-level messages (7).
    case debug = 7

    /// The severity a swift-log level is sent with.
    ///
    /// | `Logger.Level` | Severity |
    /// |---|---|
    /// | `trace`, `debug` | debug (7) |
    /// | `info` | informational (6) |
    /// | `notice` | notice (5) |
    /// | `warning` | warning (4) |
    /// | `error` | error (3) |
    /// | `critical` | critical (2) |
    ///
    /// swift-log has no level for alert or emergency: those mean the whole system, not one
    /// program, is in trouble.
    public init(_ level: Logger.Level) {
        switch level {
        case .trace, .debug: self = .debug
        case .info: self = .informational
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
