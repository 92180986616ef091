import RotorCore
import RotorLibc

/// Delivery over a Unix datagram socket or UDP: one message per datagram.
extension SyslogTransport {
    func deliverDatagrams(_ frames: [Range<Int>], in bytes: UnsafeRawBufferPointer, connection: inout Connection) {
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
                reporter.failed(.write, path: destination.description, cause: SystemCallError(rawValue: EAGAIN))
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
    private func sendDatagram(
        _ fd: Int32, _ message: UnsafeRawBufferPointer, until deadline: ContinuousClock.Instant
    )
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
        if end < message.count,
            case .sent = sendDatagram(fd, UnsafeRawBufferPointer(rebasing: message[..<end]), until: deadline)
        {
            counters.update { $0.oversizeRecords += 1 }
            counters.recordWritten(records: 1, bytes: end)
            return
        }
        reporter.failed(.write, path: destination.description, cause: SystemCallError(rawValue: EMSGSIZE))
        counters.recordDropped(.writeFailure, bytes: message.count)
    }

    private static func meansReceiverGone(_ error: SystemCallError) -> Bool {
        [ECONNREFUSED, ENOTCONN, ENOENT, EPIPE, ECONNRESET, EDESTADDRREQ].contains(error.rawValue)
    }
}
