/// The settings of one `rotor-stress` run, as given on the command line.
struct StressOptions: Sendable, Equatable {
    /// How the asynchronous sink treats a full queue.
    enum AsyncPolicy: String, Sendable, Equatable, CaseIterable {
        case block
        case dropNewest = "drop-newest"
        case dropOldest = "drop-oldest"
    }

    /// The active log file.
    var path: String
    /// Writer threads.
    var threads = 1
    /// Records per thread.
    var records = 1_000
    /// The run's ID, written into every record as `run`.
    var runID = 0
    /// Size rotation limit in bytes, if any.
    var maxSize: Int64?
    /// Time rotation interval in seconds, if any.
    var interval: Double?
    /// Compress archives with gzip in the background.
    var gzip = false
    /// Archives to keep (retention); all of them when `nil`.
    var keep: Int?
    /// Write through an ``AsyncSink`` with this overflow policy; synchronously when `nil`.
    var asyncPolicy: AsyncPolicy?
    /// Extra ASCII bytes per record, in a `pad` field.
    var pad = 0
    /// The acknowledgement file, if any.
    var ackPath: String?
    /// Call `flush()` every this many records per thread; 0 means only at the end.
    var flushEvery = 0
    /// Share the log with other processes (``RotationConfiguration/sharedAcrossProcesses``).
    var shared = false
    /// Reopen the log on `SIGHUP` (``RotorSignals/reopenOnHangup(_:)``), as logrotate's `postrotate` asks.
    var reopenOnHangup = false
    /// Records per second per thread; as fast as possible when 0.
    var rate = 0
    /// Write through a `SyslogSink` to this destination (`unix:PATH`, `udp://HOST:PORT`,
    /// `tcp://HOST:PORT`) instead of a file; `path` is then unused.
    var syslog: String?
    /// Seconds added to the system clock for the file sink's clock (its timestamps, rotation times
    /// and archive names), as if this process's clock were off by that much; 0 for the system clock.
    var clockOffset: Double = 0

    /// One line that lists every flag.
    static let usage = """
        usage: rotor-stress --path FILE | --syslog URL [--threads T] [--records N] [--run-id R] [--max-size BYTES] \
        [--interval SECONDS] [--gzip] [--keep N] [--async block|drop-newest|drop-oldest] [--pad BYTES] \
        [--ack FILE] [--flush-every K] [--shared] [--reopen-on-hup] [--rate PER_SECOND] \
        [--clock-offset SECONDS]
        """
}
