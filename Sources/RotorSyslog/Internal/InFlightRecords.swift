/// The records sent on a TCP connection that the receiver is not yet known to have read, in
/// order, each with the stream offset of its last byte.
///
/// A TCP acknowledgement only says the receiving kernel holds the bytes: a receiver that stops
/// (rsyslogd on SIGTERM) discards what it had not read yet, several megabytes on loopback. So a
/// record leaves this list, counted as written, only when it lies behind the *consumed edge*: the
/// acknowledged bytes minus what the receiver may still hold unread, estimated as the largest
/// window it ever advertised minus the window it advertises now (a receiver's free space grows
/// back as its application reads). When the connection breaks, what is left is counted as lost.
struct InFlightRecords {
    private var ends: [Int] = []
    private var sizes: [Int] = []
    private var head = 0
    /// Bytes handed to the kernel on this connection.
    private(set) var sentBytes = 0
    /// The largest window the peer advertised on this connection.
    private var largestWindow = 0

    /// Records not yet confirmed.
    var count: Int { ends.count - head }

    /// Notes a record whose first byte was just sent: `wireBytes` on the stream, `messageBytes`
    /// of syslog message (what the counters count).
    mutating func sent(wireBytes: Int, messageBytes: Int) {
        sentBytes += wireBytes
        ends.append(sentBytes)
        sizes.append(messageBytes)
    }

    /// Removes the records that end at or before the consumed edge given the peer's state, and
    /// returns how many and their message bytes.
    mutating func confirm(unacknowledged: Int, window: Int?) -> (records: Int, bytes: Int) {
        let acknowledged = sentBytes - unacknowledged
        var edge = acknowledged
        if let window {
            largestWindow = max(largestWindow, window)
            edge -= largestWindow - window
        }
        return confirm(upTo: edge)
    }

    /// Removes every record that ends at or before `edge`.
    mutating func confirm(upTo edge: Int) -> (records: Int, bytes: Int) {
        var records = 0
        var bytes = 0
        while head < ends.count && ends[head] <= edge {
            bytes += sizes[head]
            records += 1
            head += 1
        }
        if head > 4096 && head * 2 > ends.count {
            ends.removeFirst(head)
            sizes.removeFirst(head)
            head = 0
        }
        return (records, bytes)
    }

    /// Removes every record: the connection is gone; returns what was still unconfirmed.
    mutating func removeAll() -> (records: Int, bytes: Int) {
        let left = confirm(upTo: .max)
        self = InFlightRecords()
        return left
    }
}
