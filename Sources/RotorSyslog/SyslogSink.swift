public import Logging
public import RotorCore
public import RotorFormatters
public import RotorSinks

/// A sink that sends each record as a syslog message to a local or central collector (rsyslog,
/// syslog-ng, Fluent Bit, Vector, the OpenTelemetry Collector's syslog receiver).
///
/// ```swift
/// var configuration = SyslogSinkConfiguration()
/// configuration.appName = "billing"
/// let sink = try SyslogSink(url: "tcp://127.0.0.1:514", configuration: configuration)
/// LoggingSystem.bootstrap { label in RotorLogHandler(label: label, sink: sink) }
/// ```
///
/// Messages are RFC 5424 (or RFC 3164, ``SyslogMessageFormat``) over a Unix datagram socket
/// (`/dev/log` by default), UDP (RFC 5426) or TCP with octet-counting framing (RFC 6587). The
/// record's metadata goes into structured data, or the whole record, as JSON, into MSG
/// (``SyslogPayload``). Levels map to severities as ``SyslogSeverity/init(_:)`` says.
///
/// ### Never blocking the caller
/// Records go through an ``/RotorSinks/AsyncSink``: a bounded queue drained by one writer thread,
/// which formats the messages and owns the socket. With the default
/// ``SyslogSinkConfiguration/queue`` a full queue drops the newest record rather than wait. The
/// writer connects lazily and reconnects with backoff; while the collector is unreachable it holds
/// a batch for up to ``SyslogSinkConfiguration/deliveryTimeout`` while the queue absorbs new
/// records, then drops it.
///
/// ### Counting
/// ``statistics`` adds the queue's drops to the transport's counts, so that once the sink is
/// closed `recordsWritten + totalRecordsDropped` is the number of records logged:
/// - `recordsWritten`: records delivered. For a Unix socket or UDP, sent (a UDP datagram may still
///   be lost on the way, unseen). For TCP, *read by the receiver* as far as the sender can tell: a
///   TCP acknowledgement only says the receiving kernel holds the bytes, and a collector that
///   stops discards what it had not read yet, so the sink counts a record once it lies behind the
///   acknowledged bytes by more than what the receiver may still hold unread (its largest
///   advertised window minus its current one), and confirms the rest at ``flush()`` and
///   ``close()`` (which half-closes the connection and waits for the collector to close its side).
/// - ``/RotorCore/SinkStatistics/DropCause/connectionLost``: records sent on a TCP connection that
///   broke before they were confirmed. They may have arrived: the count is an upper bound on the
///   loss.
/// - ``/RotorCore/SinkStatistics/DropCause/writeFailure``: records that could not be sent within the
///   delivery timeout (no connection, a socket buffer that stayed full) or that a send refused.
/// - ``/RotorCore/SinkStatistics/DropCause/queueFullNewest`` (or `queueFullOldest`, or the
///   close-time causes): dropped by the queue.
/// - ``/RotorCore/SinkStatistics/oversizeRecords``: records cut to the message size bound (still
///   delivered and counted as written).
/// - ``/RotorCore/SinkStatistics/failures``: failed connection attempts (`open`) and sends (`write`).
///
/// Publish them with `RotorMetrics`' `SinkMetrics.startUpdating(from:every:)`, as for any sink.
public final class SyslogSink: TypedLogSink {
    /// Where messages go.
    public let destination: SyslogDestination
    /// The format, header fields, payload, queue and timeouts.
    public let configuration: SyslogSinkConfiguration
    private let transport: SyslogTransport
    private let queue: AsyncSink

    /// Creates a sink and starts its writer thread. It connects when the first record is written;
    /// a collector that is not there yet is not an error.
    ///
    /// - Parameters:
    ///   - destination: The socket to send to; the local daemon's `/dev/log` by default.
    ///   - configuration: Format, header fields, payload, queue and timeouts.
    ///   - failureHandler: Where run-time faults (connection refused, a broken connection) are
    ///     reported, once per change of state; `nil` writes them to standard error.
    /// - Throws: ``SyslogError`` `.unresolvedHost` for a host that does not resolve,
    ///   `.invalidConfiguration` for a header field the RFC forbids or a bound out of range;
    ///   ``/RotorSinks/SinkError`` `.invalidConfiguration` for a bad queue configuration.
    public init(
        destination: SyslogDestination = .local,
        configuration: SyslogSinkConfiguration = SyslogSinkConfiguration(),
        failureHandler: SinkFailureHandler? = nil
    ) throws {
        let limit = configuration.messageLimit(for: destination)
        guard limit >= 480 else {
            throw SyslogError(
                .invalidConfiguration,
                "the largest message must be at least 480 bytes (RFC 5424 section 6.1), got \(limit)",
                field: "maximumMessageSize")
        }
        guard configuration.deliveryTimeout >= .zero, configuration.closeTimeout >= .zero else {
            throw SyslogError(.invalidConfiguration, "timeouts must not be negative", field: "deliveryTimeout")
        }
        let header = try SyslogHeader(configuration)
        let address = try SocketAddress(destination)
        let counters = SinkCounters()
        let formatter = SyslogFormatter(configuration: configuration, header: header, limit: limit, counters: counters)
        self.destination = destination
        self.configuration = configuration
        self.transport = SyslogTransport(
            destination: destination, address: address, formatter: formatter, counters: counters,
            configuration: configuration, failureHandler: failureHandler)
        self.queue = try AsyncSink(wrapping: transport, configuration: configuration.queue)
    }

    /// Creates a sink for a destination URL: `unix:/dev/log`, `udp://HOST:PORT`, `tcp://HOST:PORT`.
    ///
    /// - Throws: ``SyslogError`` `.invalidDestination` for a URL that does not parse, and the
    ///   errors of ``init(destination:configuration:failureHandler:)``.
    public convenience init(
        url: String, configuration: SyslogSinkConfiguration = SyslogSinkConfiguration(),
        failureHandler: SinkFailureHandler? = nil
    ) throws {
        try self.init(
            destination: SyslogDestination(url: url), configuration: configuration, failureHandler: failureHandler)
    }

    deinit { close() }

    /// Queues `record`; never waits unless ``SyslogSinkConfiguration/queue`` asks to block.
    public func log(_ record: LogRecord) { queue.log(record) }

    /// Queues a record given as typed fields (see ``/RotorSinks/DirectLogger``).
    public func log(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        fields: (inout RecordFields) -> Void
    ) {
        queue.log(level: level, label: label, message: message, timestamp: timestamp, fields: fields)
    }

    /// Returns once every record queued before the call has been sent (or dropped); for TCP, also
    /// waits briefly (up to 200 ms) for the collector to read them, so that they count as written.
    public func flush() { queue.flush() }

    /// Sends what is queued (waiting for an unreachable or stalled collector no longer than half
    /// the queue's `closeTimeout`, counting what cannot be sent), closes the
    /// connection (for TCP: half-close, then wait up to ``SyslogSinkConfiguration/closeTimeout``
    /// for the collector to read everything) and stops the writer thread. Calling it twice is
    /// harmless.
    public func close() {
        transport.beginClosing(within: configuration.queue.closeTimeout / 2)
        queue.close()
    }

    /// Delivered records, and records dropped by the queue and by the transport, by cause.
    public var statistics: SinkStatistics {
        var statistics = transport.statistics
        let queued = queue.statistics
        statistics.recordsDropped.merge(queued.recordsDropped, uniquingKeysWith: +)
        statistics.bytesDropped.merge(queued.bytesDropped, uniquingKeysWith: +)
        statistics.failures.merge(queued.failures, uniquingKeysWith: +)
        statistics.suppressedFailureReports += queued.suppressedFailureReports
        return statistics
    }

    /// Whether the payload formatter writes the source (structured data never does).
    public var readsSource: Bool { transport.readsSource }
}
