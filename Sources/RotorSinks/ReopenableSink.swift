public import RotorCore

/// A sink whose files can be reopened by path: after an external tool (logrotate) renamed them, so
/// that the next records go to a new file under the configured name.
///
/// ``FileSink`` and ``RotatingFileSink`` reopen their file; ``LevelRouterSink``,
/// ``MultiplexSink`` and ``AsyncSink`` reopen every reopenable sink they hold.
/// ``RotorSignals/reopenOnHangup(_:)`` calls ``reopen()`` on `SIGHUP`.
public protocol ReopenableSink: LogSink {
    /// Opens the configured path afresh and writes there from now on. Records written before are
    /// where they were; nothing is lost or written twice. Never throws: a failure is counted and
    /// reported like any other, and retried.
    func reopen()
}

extension FileSink: ReopenableSink {}

extension RotatingFileSink: ReopenableSink {}

extension LevelRouterSink: ReopenableSink {
    /// Reopens every distinct sink of the routes that can be reopened.
    public func reopen() {
        for sink in distinctSinks { (sink as? any ReopenableSink)?.reopen() }
    }
}

extension MultiplexSink: ReopenableSink {
    /// Reopens every sink that can be reopened.
    public func reopen() {
        for sink in sinks { (sink as? any ReopenableSink)?.reopen() }
    }
}

extension AsyncSink: ReopenableSink {
    /// Reopens the wrapped sink if it can be reopened. Records still queued go to the new file.
    public func reopen() { (wrapped as? any ReopenableSink)?.reopen() }
}
