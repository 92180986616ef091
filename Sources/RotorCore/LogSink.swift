/// A destination for log records: a file, a stream, memory, or another sink that routes or buffers.
///
/// Sinks are reference types shared by every logger that writes to them, so they must be safe to
/// call from many threads at once. The logging path never throws and never traps: a sink that cannot
/// write counts the record as dropped in its ``statistics`` and reports the fault through its
/// ``SinkFailureHandler``. Errors that can be detected at set-up (a bad path, an invalid option) are
/// thrown by the sink's initialiser instead.
public protocol LogSink: AnyObject, Sendable {
    /// Writes one record. Never throws, never blocks indefinitely unless documented by the sink.
    func log(_ record: LogRecord)

    /// Pushes every record accepted so far to its destination (for a file: into the kernel with
    /// `write(2)`; with a sink's sync option, to stable storage).
    func flush()

    /// Flushes, then releases the sink's resources. Records logged after `close()` are dropped and
    /// counted under ``SinkStatistics/DropCause/closed``. Calling `close()` twice is harmless.
    func close()

    /// A snapshot of the sink's counters.
    var statistics: SinkStatistics { get }

    /// Whether the sink reads the ``LogRecord/source`` of the records it is given (to format,
    /// forward or keep them).
    ///
    /// When it does not, a producer may leave `source` empty instead of working it out:
    /// `RotorLogHandler` then skips swift-log's derivation of the source from the call site's file,
    /// a string scan and a new string per record. The default is `true`; file and stream sinks
    /// answer from their formatter's ``LogFormatter/writesSource``, routing sinks from their
    /// destinations. The answer must not change during the sink's life.
    var readsSource: Bool { get }
}

extension LogSink {
    /// `true`: a sink is assumed to read the source unless it says otherwise.
    public var readsSource: Bool { true }
}

/// A sink that formats records with a ``formatter`` of its own and also accepts bytes that were
/// already formatted by it, one or more whole lines at a time.
///
/// Buffering and asynchronous sinks format records with the wrapped sink's ``formatter`` and hand
/// batches of lines to a `FormattedLogSink`, which writes them with as few system calls as
/// possible. Taking the formatter from the sink they write to, rather than one of their own, means
/// a line is the same whichever way its record arrived.
public protocol FormattedLogSink: LogSink {
    /// The formatter this sink formats records with: what ``LogSink/log(_:)`` writes, and what the lines
    /// given to ``write(formatted:recordCount:)`` must have been formatted with.
    var formatter: any LogFormatter { get }

    /// Writes whole lines, already formatted with ``formatter``.
    ///
    /// - Parameters:
    ///   - bytes: One or more complete lines, each ending in `\n`.
    ///   - recordCount: How many records the bytes hold, for the counters.
    func write(formatted bytes: UnsafeRawBufferPointer, recordCount: Int)
}
