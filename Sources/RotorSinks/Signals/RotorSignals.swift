/// Opt-in signal handling for Rotor's sinks. Rotor never touches a signal unless asked here.
public enum RotorSignals {
    /// Reopens `sinks` whenever the process receives `SIGHUP`: what logrotate's `postrotate`
    /// script sends after it renamed the logs (see the "Rotor and logrotate" article).
    ///
    /// The signal handler only writes a byte to a pipe; a thread of the reopener's own waits on
    /// that pipe and calls ``ReopenableSink/reopen()`` on every sink, in order, outside any signal
    /// context. (Not a libdispatch signal source: libdispatch aborts the process when it cannot
    /// get a descriptor, and log rotation must survive `EMFILE`.) Keep the returned reopener and
    /// call ``HangupReopener/cancel()`` at shutdown: it restores the disposition `SIGHUP` had.
    ///
    /// ```swift
    /// let files = try RotorLoggingSystem.bootstrapPerLevelFiles(in: "logs", strategy: NeverRotation())
    /// let hangups = try RotorSignals.reopenOnHangup([files])
    /// // … at shutdown:
    /// hangups.cancel()
    /// files.close()
    /// ```
    ///
    /// - Parameter sinks: The sinks to reopen, for example a ``LevelRouterSink`` of per-level files.
    /// - Returns: The running reopener.
    /// - Throws: ``SinkError`` `.invalidConfiguration` if a reopener is already installed (one
    ///   per process: the signal disposition is process-wide), `.openFailed` if the pipe cannot be
    ///   made (`EMFILE`).
    public static func reopenOnHangup(_ sinks: [any ReopenableSink]) throws -> HangupReopener {
        try HangupReopener(sinks: sinks)
    }
}
