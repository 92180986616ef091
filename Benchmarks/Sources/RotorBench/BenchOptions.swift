/// What one `rotor-bench` run measures, as given on the command line.
struct BenchOptions: Sendable {
    /// The sink under test.
    enum SinkKind: String, Sendable, CaseIterable {
        case file
        case rotating
        case async
        /// The per-level rotating files of the README's first example
        /// (`RotorLoggingSystem.makePerLevelFiles`, a `LevelRouterSink`), through swift-log only;
        /// the records (all `info`) go to `bench_info.log`.
        case perLevel = "per-level"
        /// A `SyslogSink` to ``BenchOptions/syslogURL`` (see `SyslogBench`).
        case syslog
    }

    /// The sink an async sink wraps.
    enum InnerSinkKind: String, Sendable, CaseIterable {
        case file
        case rotating
    }

    /// The formatter the sink writes with.
    enum FormatterKind: String, Sendable, CaseIterable {
        case json
        case text
    }

    /// How records reach the sink.
    enum API: String, Sendable, CaseIterable {
        /// `DirectLogger` with typed fields.
        case direct
        /// swift-log's `Logger` with a `RotorLogHandler`.
        case swiftLog = "swift-log"
        /// swift-log's `Logger` with a handler that discards everything: the API's ceiling.
        case discard
    }

    /// The async sink's policy for a full queue.
    enum AsyncPolicy: String, Sendable, CaseIterable {
        case block
        case dropNewest = "drop-newest"
        case dropOldest = "drop-oldest"
    }

    var sink = SinkKind.rotating
    var inner = InnerSinkKind.rotating
    var formatter = FormatterKind.json
    var api = API.direct
    /// Producer threads, all logging to one sink.
    var threads = 1
    /// Timed records per thread.
    var records = 2_000_000
    /// Untimed records per thread, logged before the clock starts.
    var warmup = 1_000
    /// The size rotation limit in bytes.
    var maxSize: Int64 = 10 << 20
    var gzip = false
    /// Whether the JSON formatter also writes `source`, `file`, `function` and `line`. Off by
    /// default: the standard record shape (and every peer) has no call-site fields.
    var callSite = false
    var asyncPolicy = AsyncPolicy.block
    /// The async queue's record capacity (`AsyncSinkConfiguration.capacity`).
    var capacity = 16_384
    /// The async queue's byte bound (`AsyncSinkConfiguration.maximumQueuedBytes`).
    var queueBytes = 8 << 20
    /// The file sink's write buffer (`FileSinkConfiguration.bufferCapacity`); 0 writes each record through.
    var buffer = 0
    /// Where the log files go; a new temporary directory when `nil`.
    var directory: String?
    var keepFiles = false
    /// Whether every line is parsed and every (thread, sequence) checked, not just counted.
    var verify = false
    /// Whether every rotation pause is printed, not just p50 / p99 / max.
    var pauseSamples = false
    /// With `--api swift-log`: alternate chunks of ``pairedChunk`` records between the handler
    /// under test and a `Logger` with the discarding handler, in the same thread, and report the
    /// ratio of the two (see `BenchRun.measurePaired`).
    var pairedDiscard = false
    /// Records per chunk of a paired run.
    var pairedChunk = 20_000
    /// Where `--sink syslog` sends (`unix:PATH`, `udp://…`, `tcp://…`).
    var syslogURL: String?
    /// A peer program run after Rotor's case with the same URL and record count (`PEER URL N`),
    /// whose JSON line is reported next to Rotor's figures.
    var syslogPeer: String?

    /// Whether the run writes files at all (the discard API does not).
    var writesFiles: Bool { api != .discard }

    /// Records each thread logs, warm-up included: the sequence numbers are `0..<perThreadTotal`.
    var perThreadTotal: Int { warmup + records }
}
