import RotorCore
import RotorLibc

/// Delivery over TCP: octet-counted frames, and the accounting of what the receiver has read.
extension SyslogTransport {
    func deliverStream(_ frames: [Range<Int>], in bytes: UnsafeRawBufferPointer, connection: inout Connection) {
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
            if case .open = peer {
            } else {
                breakConnection(&connection, peer: peer, cause: nil)
                offset = starts[nextUnsent]
                continue
            }
            let result = wire.withUnsafeBytes {
                SyslogSocket.send(connection.fd, UnsafeRawBufferPointer(rebasing: $0[offset...]))
            }
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
                    reporter.failed(.write, path: destination.description, cause: SystemCallError(rawValue: ETIMEDOUT))
                    if offset != starts[nextUnsent] {
                        // A record is half sent: the stream cannot go on mid-frame.
                        breakConnection(&connection, peer: .reset(SystemCallError(rawValue: ETIMEDOUT)), cause: nil)
                    }
                    connection.impatient = true
                    drop(frames[nextUnsent...], .writeFailure)
                    return
                }
                _ = SyslogSocket.wait(
                    connection.fd, for: Int16(POLLOUT), timeout: min(Self.slice, max(.zero, deadline - .now)))
            case .failed(let error):
                breakConnection(&connection, peer: .reset(error), cause: error)
                offset = starts[nextUnsent]
            }
        }
        connection.impatient = false
        confirm(&connection)
    }

    /// Counts as written the records the receiver has read, as far as TCP tells.
    func confirm(_ connection: inout Connection) {
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
    private func breakConnection(_ connection: inout Connection, peer: SyslogSocket.PeerState, cause: SystemCallError?)
    {
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
    func settle(_ connection: inout Connection, peer: SyslogSocket.PeerState, cause: SystemCallError?, closing: Bool) {
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
            reporter.failed(.write, path: destination.description, cause: cause ?? SystemCallError(rawValue: EPIPE))
        case .open where lost.records > 0:
            reporter.failed(.write, path: destination.description, cause: SystemCallError(rawValue: ETIMEDOUT))
        default:
            break
        }
    }
}
