@_spi(RotorInternals) import RotorCore
import RotorLibc
import RotorSinks
import Synchronization

/// The socket end of a ``SyslogSink``: takes batches of framed messages from the async sink's
/// writer thread and delivers them over a Unix datagram socket, UDP, or TCP with octet counting.
///
/// It connects lazily, reconnects with backoff, and counts every record by its fate: written once
/// delivered (for TCP: once the receiver is known to have read it, see ``InFlightRecords``),
/// dropped as `writeFailure` when it could not be sent within the delivery timeout, dropped as
/// `connectionLost` when a TCP connection broke before the receiver was known to have read it.
final class SyslogTransport: FormattedLogSink {
    /// The connection's state, touched by the writer thread (writes, close) and by callers of
    /// `flush()`, under one lock.
    struct Connection {
        var fd: Int32 = -1
        var backoff = ReconnectBackoff()
        /// Set when a batch ran out of time: later batches do not wait until delivery works again.
        var impatient = false
        var inFlight = InFlightRecords()
        /// The TCP bytes of the batch being sent, kept for their capacity.
        var wire: [UInt8] = []
    }

    let destination: SyslogDestination
    let counters: SinkCounters
    let address: SocketAddress
    /// The ``SyslogFormatter`` that frames the messages (the sink's `AsyncSink` formats with it).
    let formatter: any LogFormatter
    let reporter: FailureReporter
    private let deliveryTimeout: Duration
    private let closeTimeout: Duration
    private let connection = Locked(Connection())
    private let isClosed = Atomic<Bool>(false)
    /// Set by ``SyslogSink/close()`` before the queue drains: no wait goes past this instant.
    private let closingDeadline = Locked<ContinuousClock.Instant?>(nil)
    /// Whether ``beginClosing(within:)`` was called (read without the lock on the hot path).
    private let isClosing = Atomic<Bool>(false)

    /// The longest single sleep or poll, so that `close()` is noticed quickly.
    static let slice: Duration = .milliseconds(20)

    init(
        destination: SyslogDestination, address: SocketAddress, formatter: SyslogFormatter, counters: SinkCounters,
        configuration: SyslogSinkConfiguration, failureHandler: SinkFailureHandler?
    ) {
        self.destination = destination
        self.address = address
        self.formatter = formatter
        self.counters = counters
        self.deliveryTimeout = configuration.deliveryTimeout
        self.closeTimeout = configuration.closeTimeout
        self.reporter = FailureReporter(sink: destination.description, handler: failureHandler, counters: counters)
    }

    /// Bounds every later wait for a connection or for socket room by `limit` from now, so that
    /// the queue drains within the async sink's close timeout (a batch it gave up on would
    /// otherwise be counted twice, as abandoned and as a write failure).
    func beginClosing(within limit: Duration) {
        closingDeadline.withLock { deadline in
            if deadline == nil { deadline = .now + limit }
        }
        isClosing.store(true, ordering: .relaxed)
    }

    // MARK: - FormattedLogSink

    func log(_ record: LogRecord) {
        var buffer = LogBuffer(minimumCapacity: 512)
        formatter.format(record, into: &buffer)
        buffer.withUnsafeBytes { write(formatted: $0, recordCount: 1) }
    }

    func write(formatted bytes: UnsafeRawBufferPointer, recordCount: Int) {
        let frames = Self.frames(in: bytes)
        if isClosed.load(ordering: .relaxed) {
            counters.recordDropped(.closed, records: frames.count, bytes: frames.reduce(0) { $0 + $1.count })
            return
        }
        connection.withLock { connection in
            if destination.isDatagram {
                deliverDatagrams(frames, in: bytes, connection: &connection)
            } else {
                deliverStream(frames, in: bytes, connection: &connection)
            }
        }
    }

    /// For TCP, waits (up to 200 ms) for the receiver to acknowledge and read what was sent, then
    /// counts what it has read as written. Datagrams are counted when sent.
    func flush() {
        connection.withLock { connection in
            guard !destination.isDatagram, connection.fd >= 0 else { return }
            let deadline = ContinuousClock.now + .milliseconds(200)
            while true {
                confirm(&connection)
                if connection.inFlight.count == 0 || isClosing.load(ordering: .relaxed)
                    || ContinuousClock.now >= deadline
                {
                    return
                }
                Self.pause(.milliseconds(1))
            }
        }
    }

    /// Closes the connection. For TCP it first half-closes and waits (up to the close timeout)
    /// for the receiver to close its side, which it does once it has read everything.
    func close() {
        guard !isClosed.exchange(true, ordering: .relaxed) else { return }
        connection.withLock { connection in
            guard connection.fd >= 0 else { return }
            if !destination.isDatagram {
                confirm(&connection)
                SyslogSocket.shutdownWriting(connection.fd)
                let deadline = ContinuousClock.now + closeTimeout
                var state = SyslogSocket.PeerState.open
                while connection.inFlight.count > 0, ContinuousClock.now < deadline {
                    _ = SyslogSocket.wait(connection.fd, for: Int16(POLLIN), timeout: Self.slice)
                    state = SyslogSocket.peerState(connection.fd)
                    if case .open = state { confirm(&connection) } else { break }
                }
                settle(&connection, peer: state, cause: nil, closing: true)
            }
            SyslogSocket.close(connection.fd)
            connection.fd = -1
        }
    }

    var statistics: SinkStatistics { counters.snapshot() }

    var readsSource: Bool { formatter.writesSource }

    // MARK: - Framing

    /// The byte ranges of the messages in a batch of ``SyslogFormatter`` frames.
    static func frames(in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var frames: [Range<Int>] = []
        var offset = 0
        while offset + SyslogFormatter.prefixSize <= bytes.count {
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let start = offset + SyslogFormatter.prefixSize
            guard start + length <= bytes.count else { break }
            frames.append(start..<start + length)
            offset = start + length
        }
        return frames
    }

    // MARK: - Connecting

    /// When the batch being started must be delivered by.
    func deadline(_ connection: Connection) -> ContinuousClock.Instant {
        bounded(connection.impatient ? .now : .now + deliveryTimeout)
    }

    /// `deadline`, or the closing deadline if ``beginClosing(within:)`` was called since and it is
    /// earlier: a batch that started waiting before `close()` stops at the same time as the rest.
    func bounded(_ deadline: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard isClosing.load(ordering: .relaxed), let closing = closingDeadline.withLock({ $0 }) else {
            return deadline
        }
        return min(deadline, closing)
    }

    /// Connects if need be, retrying with backoff until `deadline`; `false` if still not connected.
    func ensureConnected(_ connection: inout Connection, until deadline: ContinuousClock.Instant) -> Bool {
        while connection.fd < 0 {
            let now = ContinuousClock.now
            if connection.backoff.isDue(at: now) {
                let timeout = max(.milliseconds(10), min(.seconds(1), deadline - now))
                switch SyslogSocket.connect(address, timeout: timeout) {
                case .success(let fd):
                    connection.fd = fd
                    connection.backoff.succeeded()
                    connection.impatient = false
                    reporter.succeeded(.open)
                    return true
                case .failure(let error):
                    connection.backoff.failed(at: .now)
                    reporter.failed(.open, path: destination.description, cause: error)
                }
            }
            if ContinuousClock.now >= bounded(deadline) {
                connection.impatient = true
                return false
            }
            let wake = min(connection.backoff.nextAttempt ?? .now, deadline)
            Self.pause(min(Self.slice, max(.zero, wake - .now)))
        }
        return true
    }

    static func pause(_ duration: Duration) {
        let nanoseconds = duration.clampedNanoseconds
        guard nanoseconds > 0 else { return }
        var request = timespec(tv_sec: nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// Drops `frames` (counted under `cause`).
    func drop(_ frames: ArraySlice<Range<Int>>, _ cause: SinkStatistics.DropCause) {
        guard !frames.isEmpty else { return }
        counters.recordDropped(cause, records: frames.count, bytes: frames.reduce(0) { $0 + $1.count })
    }
}
