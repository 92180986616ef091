/// A run-time fault (or its recovery) reported by a sink to its ``SinkFailureHandler``.
///
/// Faults on the logging path never throw; they are counted in ``SinkStatistics`` and reported
/// here, once per change of state: when an operation of a kind starts failing and when it works
/// again, not once per record.
public struct SinkFailure: Sendable, CustomStringConvertible {
    /// Whether the fault started or cleared.
    public enum Transition: String, Sendable, Hashable {
        /// Operations of ``kind`` started failing.
        case failing
        /// Operations of ``kind`` work again.
        case recovered
    }

    /// The label of the reporting sink (usually its path).
    public var sink: String
    /// The operation that failed or recovered.
    public var kind: SinkStatistics.FailureKind
    /// Whether the fault started or cleared.
    public var transition: Transition
    /// The file involved, if any.
    public var path: String?
    /// The underlying error, usually an ``SystemCallError``; `nil` for a recovery.
    public var cause: (any Error)?
    /// Reports of this kind that were suppressed (repeats, rate limit, recursion) since the last one delivered.
    public var suppressed: Int
    /// When the transition was observed.
    public var timestamp: LogTimestamp

    /// Creates a failure report.
    public init(
        sink: String,
        kind: SinkStatistics.FailureKind,
        transition: Transition,
        path: String? = nil,
        cause: (any Error)? = nil,
        suppressed: Int = 0,
        timestamp: LogTimestamp
    ) {
        self.sink = sink
        self.kind = kind
        self.transition = transition
        self.path = path
        self.cause = cause
        self.suppressed = suppressed
        self.timestamp = timestamp
    }

    public var description: String {
        var text = "rotor: sink \(sink): \(kind.rawValue) \(transition.rawValue)"
        if let path { text += " [\(path)]" }
        if let cause { text += ": \(cause)" }
        if suppressed > 0 { text += " (\(suppressed) similar reports suppressed)" }
        return text
    }
}

/// Receives ``SinkFailure`` reports. Called on the thread that observed the fault, outside the
/// sink's locks; it must not block for long. It may log to any sink, including the failing one:
/// reports raised while a handler runs are counted, not delivered, so a handler cannot recurse.
public typealias SinkFailureHandler = @Sendable (SinkFailure) -> Void
