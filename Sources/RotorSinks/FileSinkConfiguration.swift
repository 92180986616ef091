public import RotorCore
import RotorLibc

/// Settings shared by Rotor's file sinks.
///
/// The settings that shape the file itself (``permissions``) must agree between every sink that
/// names the same path; see ``FileSink`` for what happens when they do not. The others belong to
/// the sink that opens the file first: its ``clock`` and ``failureHandler`` serve every sink that
/// shares the path.
public struct FileSinkConfiguration: Sendable {
    /// The mode of a newly created file, `0o644` by default (before the process umask). Rotor's
    /// hidden files beside it (state, lock, prepared next file) are created with it too.
    public var permissions: UInt32 = 0o644
    /// Whether missing parent directories are created (mode `0o755`), at open and when the log
    /// directory is removed while the sink runs. Off by default; even then, a removed log
    /// directory whose parent is still there is created again, with the mode it had.
    public var createDirectories = false
    /// The wall clock used for timestamps of failure reports and rotation decisions, and for the
    /// timestamps of records from a ``DirectLogger`` without a clock of its own: such a record is
    /// stamped with the same reading its rotation is decided at, so from one thread it lands in
    /// the file of its own time. (Across threads, a record stamped just before a rotation can
    /// still follow another thread's later record into the next file. A file shared across
    /// processes reads the clock again under the cross-process lock, so that archives from both
    /// processes are named in order.)
    public var clock: any LogClock = SystemClock()
    /// The clock that retry and backoff deadlines are measured on (write, rotation, reopen and
    /// compression retries): ``/RotorCore/MonotonicClock`` by default, so that a wall clock stepped
    /// back cannot hold a retry back. Tests may inject a ``/RotorCore/ManualClock``.
    public var retryClock: any LogClock = MonotonicClock()
    /// Where run-time faults are reported; `nil` writes them to standard error.
    public var failureHandler: SinkFailureHandler?
    /// Whether `flush()` also calls `fdatasync(2)` so that flushed records survive power loss.
    /// Off by default: it costs a disk round trip per flush.
    public var syncOnFlush = false
    /// How many records may be written between two checks that the path still names the open file
    /// (an `fstat` and a `stat`), so that a file moved or deleted behind Rotor's back (logrotate
    /// without `copytruncate`, `rm -rf` of the directory) is noticed and reopened. The check also
    /// runs whenever ``externalChangeInterval`` has passed since the last one. 1 000 by default.
    public var externalChangeRecords = 1_000
    /// The longest time between two external-change checks, whether records arrive or not (a timer
    /// checks when the writer is idle); one second by default. So a file moved away (logrotate)
    /// receives records for at most this long, or ``externalChangeRecords`` records, whichever
    /// comes first; with `SIGHUP` from logrotate's `postrotate`
    /// (``RotorSignals/reopenOnHangup(_:)``) the switch is immediate.
    public var externalChangeInterval: Duration = .seconds(1)

    /// Hears about rotations and compressions as they happen (for example `SinkMetrics` from
    /// `RotorMetrics`); `nil` by default.
    public var observer: (any SinkObserver)?

    /// Collects records in a buffer of this many bytes per file and writes them with one
    /// `write(2)` when it fills, on `flush()`, before a rotation or reopen, and at least every
    /// ``bufferFlushInterval``. 0 (the default) writes each record through at once.
    ///
    /// Buffering trades durability for speed: a record is in the kernel only once the buffer has
    /// been written, so a record logged less than ``bufferFlushInterval`` before the process is
    /// killed can be lost. Sinks that share a file must agree on this setting.
    public var bufferCapacity = 0
    /// With ``bufferCapacity`` above 0, the longest a record waits in the buffer; 100 ms by default.
    public var bufferFlushInterval: Duration = .milliseconds(100)

    /// Creates the default configuration.
    public init() {}

    /// Creates a configuration with the given values.
    public init(
        permissions: UInt32 = 0o644,
        createDirectories: Bool = false,
        clock: any LogClock = SystemClock(),
        failureHandler: SinkFailureHandler? = nil,
        syncOnFlush: Bool = false,
        externalChangeRecords: Int = 1_000,
        externalChangeInterval: Duration = .seconds(1),
        observer: (any SinkObserver)? = nil,
        bufferCapacity: Int = 0,
        bufferFlushInterval: Duration = .milliseconds(100),
        retryClock: any LogClock = MonotonicClock()
    ) {
        self.retryClock = retryClock
        self.permissions = permissions
        self.createDirectories = createDirectories
        self.clock = clock
        self.failureHandler = failureHandler
        self.syncOnFlush = syncOnFlush
        self.externalChangeRecords = externalChangeRecords
        self.externalChangeInterval = externalChangeInterval
        self.observer = observer
        self.bufferCapacity = bufferCapacity
        self.bufferFlushInterval = bufferFlushInterval
    }
}
