#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RotorCore
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
    private let address: SocketAddress
    private let formatter: SyslogFormatter
    private let reporter: FailureReporter
    private let deliveryTimeout: Duration
    private let closeTimeout: Duration
    private let connection = Locked(Connection())
    private let isClosed = Atomic<Bool>(false)
    /// Set by ``SyslogSink/close()`` before the queue drains: no wait goes past this instant.
    private let closingDeadline = Locked<ContinuousClock.Instant?>(nil)
    /// Whether ``beginClosing(within:)`` was called (read without the lock on the hot path).
    private let isClosing = Atomic<Bool>(false)

    /// The longest single sleep or poll, so that `close()` is noticed quickly.
    private static let slice: Duration = .milliseconds(20)

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
                if connection.inFlight.count == 0 || isClosing.load(ordering: .relaxed) || ContinuousClock.now >= deadline {
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
    private func deadline(_ connection: Connection) -> ContinuousClock.Instant {
        bounded(connection.impatient ? .now : .now + deliveryTimeout)
    }

    /// `deadline`, or the closing deadline if ``beginClosing(within:)`` was called since and it is
    /// earlier: a batch that started waiting before `close()` stops at the same time as the rest.
    private func bounded(_ deadline: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard isClosing.load(ordering: .relaxed), let closing = closingDeadline.withLock({ $0 }) else { return deadline }
        return min(deadline, closing)
    }

    /// Connects if need be, retrying with backoff until `deadline`; `false` if still not connected.
    private func ensureConnected(_ connection: inout Connection, until deadline: ContinuousClock.Instant) -> Bool {
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
    private func drop(_ frames: ArraySlice<Range<Int>>, _ cause: SinkStatistics.DropCause) {
        guard !frames.isEmpty else { return }
        counters.recordDropped(cause, records: frames.count, bytes: frames.reduce(0) { $0 + $1.count })
    }

    // MARK: - Datagrams

    private func deliverDatagrams(_ frames: [Range<Int>], in bytes: UnsafeRawBufferPointer, connection: inout Connection) {
        let deadline = deadline(connection)
        var index = 0
        while index < frames.count {
            guard ensureConnected(&connection, until: deadline) else {
                drop(frames[index...], .writeFailure)
                return
            }
            let message = UnsafeRawBufferPointer(rebasing: bytes[frames[index]])
            switch sendDatagram(connection.fd, message, until: deadline) {
            case .sent:
                counters.recordWritten(records: 1, bytes: message.count)
                reporter.succeeded(.write)
                connection.impatient = false
                index += 1
            case .wouldBlock:
                // The receiver stayed too busy to take a datagram for the whole delivery timeout.
                reporter.failed(.write, path: destination.description, cause: Errno(rawValue: EAGAIN))
                connection.impatient = true
                drop(frames[index...], .writeFailure)
                return
            case .failed(let error):
                if error.rawValue == EMSGSIZE {
                    sendShortened(message, fd: connection.fd, until: deadline)
                    index += 1
                } else if case .unixSocket = destination, Self.meansReceiverGone(error) {
                    // The receiver went away (a restarted daemon has a new socket at the path).
                    reporter.failed(.write, path: destination.description, cause: error)
                    SyslogSocket.close(connection.fd)
                    connection.fd = -1
                } else {
                    // UDP's ECONNREFUSED is the ICMP "port unreachable" an earlier datagram
                    // drew: nobody listens. This datagram is not sent, and is counted.
                    reporter.failed(.write, path: destination.description, cause: error)
                    drop(frames[index...index], .writeFailure)
                    index += 1
                }
            }
        }
    }

    /// Sends one datagram, waiting for room (`EAGAIN`, `ENOBUFS`) until `deadline`.
    private func sendDatagram(_ fd: Int32, _ message: UnsafeRawBufferPointer, until deadline: ContinuousClock.Instant)
        -> SyslogSocket.SendResult
    {
        while true {
            let result = SyslogSocket.send(fd, message)
            let full: Bool
            switch result {
            case .wouldBlock: full = true
            case .failed(let error) where error.rawValue == ENOBUFS: full = true
            default: full = false
            }
            guard full else { return result }
            if ContinuousClock.now >= bounded(deadline) { return .wouldBlock }
            if case .wouldBlock = result {
                _ = SyslogSocket.wait(fd, for: Int16(POLLOUT), timeout: min(Self.slice, max(.zero, deadline - .now)))
            } else {
                Self.pause(.milliseconds(1))  // ENOBUFS: no readiness to wait for.
            }
        }
    }

    /// After `EMSGSIZE`: the message cut to 2048 bytes (the size RFC 5424 says receivers should
    /// accept), counted as oversize; dropped if even that is refused.
    private func sendShortened(_ message: UnsafeRawBufferPointer, fd: Int32, until deadline: ContinuousClock.Instant) {
        let end = UTF8Repair.boundary(message, from: 0, atMost: 2048)
        if end < message.count, case .sent = sendDatagram(fd, UnsafeRawBufferPointer(rebasing: message[..<end]), until: deadline) {
            counters.update { $0.oversizeRecords += 1 }
            counters.recordWritten(records: 1, bytes: end)
            return
        }
        reporter.failed(.write, path: destination.description, cause: Errno(rawValue: EMSGSIZE))
        counters.recordDropped(.writeFailure, bytes: message.count)
    }

    private static func meansReceiverGone(_ error: Errno) -> Bool {
        [ECONNREFUSED, ENOTCONN, ENOENT, EPIPE, ECONNRESET, EDESTADDRREQ].contains(error.rawValue)
    }

    // MARK: - TCP

    private func deliverStream(_ frames: [Range<Int>], in bytes: UnsafeRawBufferPointer, connection: inout Connection) {
        // The octet-counted stream: `LENGTH SP MESSAGE` per record (RFC 6587 section 3.4.1).
        var wire = connection.wire
        connection.wire = []
        wire.removeAll(keepingCapacity: true)
        var starts: [Int] = []
        starts.reserveCapacity(frames.count + 1)
        for frame in frames {
            starts.append(wire.count)
            wire.append(contentsOf: String(frame.count).utf8)
            wire.append(UInt8(ascii: " "))
            wire.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[frame]))
        }
        starts.append(wire.count)
        defer { connection.wire = wire }

        let deadline = deadline(connection)
        var offset = 0
        var nextUnsent = 0  // the first record none of whose bytes went on the current connection
        while offset < wire.count {
            guard ensureConnected(&connection, until: deadline) else {
                drop(frames[nextUnsent...], .writeFailure)
                return
            }
            let peer = SyslogSocket.peerState(connection.fd)
            if case .open = peer {} else {
                breakConnection(&connection, peer: peer, cause: nil)
                offset = starts[nextUnsent]
                continue
            }
            let result = wire.withUnsafeBytes { SyslogSocket.send(connection.fd, UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            switch result {
            case .sent(let count):
                offset += count
                while nextUnsent < frames.count && starts[nextUnsent] < offset {
                    connection.inFlight.sent(
                        wireBytes: starts[nextUnsent + 1] - starts[nextUnsent], messageBytes: frames[nextUnsent].count)
                    nextUnsent += 1
                }
                reporter.succeeded(.write)
            case .wouldBlock:
                if ContinuousClock.now >= bounded(deadline) {
                    reporter.failed(.write, path: destination.description, cause: Errno(rawValue: ETIMEDOUT))
                    if offset != starts[nextUnsent] {
                        // A record is half sent: the stream cannot go on mid-frame.
                        breakConnection(&connection, peer: .reset(Errno(rawValue: ETIMEDOUT)), cause: nil)
                    }
                    connection.impatient = true
                    drop(frames[nextUnsent...], .writeFailure)
                    return
                }
                _ = SyslogSocket.wait(connection.fd, for: Int16(POLLOUT), timeout: min(Self.slice, max(.zero, deadline - .now)))
            case .failed(let error):
                breakConnection(&connection, peer: .reset(error), cause: error)
                offset = starts[nextUnsent]
            }
        }
        connection.impatient = false
        confirm(&connection)
    }

    /// Counts as written the records the receiver has read, as far as TCP tells.
    private func confirm(_ connection: inout Connection) {
        guard connection.fd >= 0, connection.inFlight.count > 0 else { return }
        let done: (records: Int, bytes: Int)
        if let progress = SyslogSocket.progress(connection.fd) {
            done = connection.inFlight.confirm(unacknowledged: progress.unacknowledged, window: progress.window)
        } else {
            done = connection.inFlight.confirm(upTo: connection.inFlight.sentBytes)
        }
        if done.records > 0 { counters.recordWritten(records: done.records, bytes: done.bytes) }
    }

    /// Settles the records in flight when the connection ends, closes it, and arranges a
    /// reconnection.
    private func breakConnection(_ connection: inout Connection, peer: SyslogSocket.PeerState, cause: Errno?) {
        settle(&connection, peer: peer, cause: cause, closing: false)
        SyslogSocket.close(connection.fd)
        connection.fd = -1
    }

    /// Counts what the receiver read as written and the rest of what is in flight as lost.
    ///
    /// After an orderly end of file from the receiver, everything it acknowledged was read (a
    /// receiver that closes with unread data resets the connection instead); after a reset, the
    /// estimate of ``InFlightRecords`` applies. A connection the collector ended is reported as a
    /// write failure (`EPIPE` for an orderly close), unless the sink is `closing` it itself.
    private func settle(_ connection: inout Connection, peer: SyslogSocket.PeerState, cause: Errno?, closing: Bool) {
        if let progress = SyslogSocket.progress(connection.fd) {
            let done: (records: Int, bytes: Int)
            if case .closed = peer {
                done = connection.inFlight.confirm(upTo: connection.inFlight.sentBytes - progress.unacknowledged)
            } else {
                done = connection.inFlight.confirm(unacknowledged: progress.unacknowledged, window: progress.window)
            }
            if done.records > 0 { counters.recordWritten(records: done.records, bytes: done.bytes) }
        }
        let lost = connection.inFlight.removeAll()
        if lost.records > 0 { counters.recordDropped(.connectionLost, records: lost.records, bytes: lost.bytes) }
        switch peer {
        case .reset(let error):
            reporter.failed(.write, path: destination.description, cause: cause ?? error)
        case .closed where !closing || lost.records > 0:
            reporter.failed(.write, path: destination.description, cause: cause ?? Errno(rawValue: EPIPE))
        case .open where lost.records > 0:
            reporter.failed(.write, path: destination.description, cause: Errno(rawValue: ETIMEDOUT))
        default:
            break
        }
    }
}
