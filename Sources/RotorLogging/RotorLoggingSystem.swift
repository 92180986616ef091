public import Logging
public import RotorCore

/// One-call set-up of swift-log with Rotor as its backend.
///
/// ```swift
/// let sink = try FileSink(path: "/var/log/app.log", formatter: JSONFormatter())
/// RotorLoggingSystem.bootstrap(sink: sink, logLevel: .debug)
/// let logger = Logger(label: "com.example.app")   // writes to sink
/// ```
///
/// `LoggingSystem.bootstrap` may run only once per process, so tests should not call
/// ``bootstrap(sink:logLevel:metadataProvider:clock:)``: build a `Logger` from
/// ``makeFactory(sink:logLevel:metadataProvider:clock:)`` instead.
public enum RotorLoggingSystem: Sendable {
    /// Makes swift-log create a ``RotorLogHandler`` writing to `sink` for every `Logger`.
    ///
    /// Call it once, early, before any `Logger` is created; a second call to
    /// `LoggingSystem.bootstrap` traps. The metadata provider, if any, is also installed as
    /// swift-log's global `LoggingSystem.metadataProvider`.
    ///
    /// - Parameters:
    ///   - sink: The destination of every logger's records.
    ///   - logLevel: The initial level of every logger; `.info` by default.
    ///   - metadataProvider: Supplies contextual metadata for each record; none by default.
    ///   - clock: Timestamps records; the system's real-time clock by default.
    public static func bootstrap(
        sink: any LogSink,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        clock: any LogClock = SystemClock()
    ) {
        LoggingSystem.bootstrap(
            { label, provider in
                RotorLogHandler(
                    label: label, sink: sink, logLevel: logLevel, metadataProvider: provider, clock: clock)
            },
            metadataProvider: metadataProvider
        )
    }

    /// Returns a factory that creates a ``RotorLogHandler`` writing to `sink` for a label, without
    /// changing any global state.
    ///
    /// Pass it to `Logger(label:factory:)` in tests, or call it from your own
    /// `LoggingSystem.bootstrap` when combining Rotor with other handlers:
    ///
    /// ```swift
    /// let rotor = RotorLoggingSystem.makeFactory(sink: sink)
    /// LoggingSystem.bootstrap({ label, provider in
    ///     MultiplexLogHandler([StreamLogHandler.standardOutput(label: label, metadataProvider: provider), rotor(label)])
    /// }, metadataProvider: .init { ["request-id": "42"] })
    /// ```
    ///
    /// Without a `metadataProvider` of its own, each handler takes swift-log's global
    /// `LoggingSystem.metadataProvider` as it is when the handler is made, so the provider given
    /// to `LoggingSystem.bootstrap` reaches Rotor's records as it reaches `StreamLogHandler`'s.
    ///
    /// - Parameters:
    ///   - sink: The destination of the handlers' records.
    ///   - logLevel: The initial level of each handler; `.info` by default.
    ///   - metadataProvider: Supplies contextual metadata for each record; `nil` (the default)
    ///     takes swift-log's global provider, if one was bootstrapped.
    ///   - clock: Timestamps records; the system's real-time clock by default.
    /// - Returns: A closure from a logger label to a new handler.
    public static func makeFactory(
        sink: any LogSink,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        clock: any LogClock = SystemClock()
    ) -> @Sendable (String) -> any LogHandler {
        { label in
            RotorLogHandler(
                label: label, sink: sink, logLevel: logLevel,
                metadataProvider: metadataProvider ?? LoggingSystem.metadataProvider, clock: clock)
        }
    }
}
