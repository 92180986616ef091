public import RotorSinks

/// How a ``SyslogSink`` writes its messages: format, header fields, payload, size bound, queue and
/// delivery patience.
///
/// ```swift
/// var configuration = SyslogSinkConfiguration()
/// configuration.facility = try SyslogFacility(name: "local0")
/// configuration.appName = "billing"
/// configuration.payload = .json
/// let sink = try SyslogSink(url: "tcp://127.0.0.1:514", configuration: configuration)
/// ```
public struct SyslogSinkConfiguration: Sendable {
    /// RFC 5424 (the default) or RFC 3164.
    public var format = SyslogMessageFormat.rfc5424
    /// Metadata as structured data (the default), or the record formatted as MSG.
    public var payload = SyslogPayload.structuredData
    /// The facility; ``SyslogFacility/user`` by default.
    public var facility = SyslogFacility.user
    /// APP-NAME (RFC 5424, at most 48 printable ASCII characters) or the RFC 3164 TAG (at most 32
    /// letters and digits). `nil` (the default) uses the process's name, with characters the
    /// field forbids replaced by `_`.
    public var appName: String?
    /// PROCID (at most 128 printable ASCII characters); `nil` (the default) uses the process id.
    public var procID: String?
    /// MSGID (at most 32 printable ASCII characters); `nil` (the default) writes `-` (none).
    public var msgID: String?
    /// HOSTNAME (at most 255 printable ASCII characters); `nil` (the default) uses
    /// `gethostname(3)`.
    public var hostname: String?
    /// The SD-ID of the element that holds the metadata with ``SyslogPayload/structuredData``:
    /// `name@enterprise-number`, as RFC 5424 section 7.2.2 asks of private IDs. The default,
    /// `rotor@32473`, uses the number RFC 5612 reserves for documentation; put your organisation's
    /// number here.
    public var structuredDataID = "rotor@32473"
    /// The largest message, in bytes, header included (the TCP length prefix excluded). A longer
    /// message is cut at the end of MSG, on a UTF-8 character boundary, and counted in
    /// ``/RotorCore/SinkStatistics/oversizeRecords``; if the header and structured data alone are
    /// too long, the structured data is replaced by `-` first. `nil` (the default) means 1024 for
    /// RFC 3164 (its section 4.1) and 8192 for RFC 5424 (rsyslog's default `maxMessageSize`); over
    /// UDP the bound is never above 65 507 bytes. At least 480, the size RFC 5424 says every
    /// receiver must accept.
    public var maximumMessageSize: Int?
    /// Whether MSG starts with the UTF-8 byte order mark. RFC 5424 section 6.4 asks for it when
    /// MSG is UTF-8, but most collectors (rsyslog's own RFC 5424 templates among them) neither
    /// write nor expect it, and it breaks JSON parsers; `false` by default.
    public var byteOrderMark = false
    /// The bounded queue between the callers and the writer thread. The default drops the newest
    /// record when the queue is full (``/RotorSinks/AsyncSinkConfiguration/OverflowPolicy/dropNewest``),
    /// so that an unreachable collector never blocks a caller; every drop is counted.
    public var queue = AsyncSinkConfiguration(overflow: .dropNewest)
    /// How long the writer thread keeps trying to deliver a batch (connecting, reconnecting with
    /// backoff, waiting for room in a full socket buffer) before it drops the batch, counted as
    /// ``/RotorCore/SinkStatistics/DropCause/writeFailure``; 5 seconds by default. Meanwhile
    /// records wait in the queue. After a drop, batches are dropped at once until the next
    /// reconnection attempt is due (backoff from 1 ms, doubling up to 1 s), so a collector that
    /// is down for long costs the writer nothing. After ``SyslogSink/close()`` no wait lasts
    /// beyond half the queue's `closeTimeout`, so that the queue drains before it gives up.
    public var deliveryTimeout: Duration = .seconds(5)
    /// How long a TCP ``SyslogSink/close()`` waits for the collector to read everything sent
    /// (it half-closes the connection and waits for the collector to close its side); 2 seconds
    /// by default. Records it cannot confirm are counted as
    /// ``/RotorCore/SinkStatistics/DropCause/connectionLost``.
    public var closeTimeout: Duration = .seconds(2)

    /// Creates the default configuration: RFC 5424, structured data, facility `user`.
    public init() {}

    /// The message size bound in effect for `destination`.
    func messageLimit(for destination: SyslogDestination) -> Int {
        let configured = maximumMessageSize ?? (format == .rfc3164 ? 1024 : 8192)
        return min(configured, destination.transportLimit)
    }
}
