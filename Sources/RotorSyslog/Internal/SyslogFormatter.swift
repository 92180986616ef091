import Logging
import RotorCore

/// Turns a record into one syslog message, framed for ``SyslogTransport``: a native-endian
/// `UInt32` byte count, then the message.
///
/// This is not a line formatter for files: a message may hold newlines (RFC 5424 allows any octet
/// in MSG, and each transport frames messages itself), so the output is only ever read by the
/// transport, which splits a batch on the counts. It runs on the async sink's writer thread (or a
/// producer's, for direct records).
struct SyslogFormatter: LogFormatter {
    /// The bytes of the count in front of each message.
    static let prefixSize = MemoryLayout<UInt32>.size

    let format: SyslogMessageFormat
    let payloadFormatter: (any LogFormatter)?
    let header: SyslogHeader
    /// The largest message in bytes.
    let limit: Int
    let byteOrderMark: Bool
    /// Where cut messages are counted (``SinkStatistics/oversizeRecords``).
    let counters: SinkCounters
    /// `<PRI>1 ` (RFC 5424) or `<PRI>` (RFC 3164), for each severity.
    private let priorities: [[UInt8]]
    /// ` HOSTNAME APP-NAME PROCID MSGID ` (RFC 5424) or ` HOSTNAME TAG[PID]: ` (RFC 3164).
    private let fixedFields: [UInt8]

    init(configuration: SyslogSinkConfiguration, header: SyslogHeader, limit: Int, counters: SinkCounters) {
        self.format = configuration.format
        if case .formatted(let formatter) = configuration.payload {
            self.payloadFormatter = formatter
        } else {
            self.payloadFormatter = nil
        }
        self.header = header
        self.limit = limit
        self.byteOrderMark = configuration.byteOrderMark
        self.counters = counters
        let facility = configuration.facility.code
        let legacy = configuration.format == .rfc3164
        priorities = SyslogSeverity.allCases.map { severity in
            Array("<\(facility * 8 + severity.rawValue)>\(legacy ? "" : "1 ")".utf8)
        }
        let space = [UInt8(ascii: " ")]
        if legacy {
            fixedFields = space + header.hostname + space + header.appName + Array("[".utf8) + header.procID
                + Array("]: ".utf8)
        } else {
            fixedFields = space + header.hostname + space + header.appName + space + header.procID + space
                + header.msgID + space
        }
    }

    /// Whether the payload formatter writes the source (the structured data never does).
    var writesSource: Bool { payloadFormatter?.writesSource ?? false }

    func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        let frameStart = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(0), count: Self.prefixSize))
        let messageStart = buffer.count
        buffer.append(priorities[SyslogSeverity(record.level).rawValue])
        if format == .rfc3164 {
            SyslogTimestamp.appendRFC3164(record.timestamp, into: &buffer)
        } else {
            SyslogTimestamp.appendRFC5424(record.timestamp, into: &buffer)
        }
        buffer.append(fixedFields)
        let structuredDataStart = buffer.count
        appendStructuredData(record, into: &buffer)
        let payloadStart = buffer.count
        appendPayload(record, into: &buffer)
        if buffer.count - messageStart > limit {
            counters.update { $0.oversizeRecords += 1 }
            if payloadStart - messageStart > limit {
                // The header and structured data alone are too long: drop the structured data.
                buffer.truncate(to: structuredDataStart)
                if format == .rfc5424 { buffer.append(UInt8(ascii: "-")) }
                appendPayload(record, into: &buffer)
            }
            let end = buffer.withUnsafeBytes { bytes in
                UTF8Repair.boundary(bytes, from: messageStart, atMost: messageStart + limit)
            }
            buffer.truncate(to: end)
        }
        buffer.storeBytes(of: UInt32(truncatingIfNeeded: buffer.count - messageStart), at: frameStart)
    }

    /// `-` or the metadata element (RFC 5424); the element and a space, or nothing (RFC 3164).
    private func appendStructuredData(_ record: LogRecord, into buffer: inout LogBuffer) {
        guard payloadFormatter == nil else {
            if format == .rfc5424 { buffer.append(UInt8(ascii: "-")) }
            return
        }
        StructuredDataWriter.append(record, id: header.structuredDataID, into: &buffer)
        if format == .rfc3164 { buffer.append(UInt8(ascii: " ")) }
    }

    /// ` MSG` (RFC 5424) or `MSG` (RFC 3164): the message text, or the payload formatter's line
    /// without its newline, made valid UTF-8.
    private func appendPayload(_ record: LogRecord, into buffer: inout LogBuffer) {
        if format == .rfc5424 { buffer.append(UInt8(ascii: " ")) }
        if byteOrderMark { buffer.append([0xEF, 0xBB, 0xBF]) }
        guard let payloadFormatter else {
            buffer.append(record.message)  // a String is valid UTF-8
            return
        }
        let start = buffer.count
        payloadFormatter.format(record, into: &buffer)
        if buffer.count > start && buffer.last == UInt8(ascii: "\n") { buffer.truncate(to: buffer.count - 1) }
        let repaired: [UInt8]? = buffer.withUnsafeBytes { bytes in
            let payload = UnsafeRawBufferPointer(rebasing: bytes[start...])
            return UTF8Repair.isValid(payload) ? nil : UTF8Repair.repaired(payload)
        }
        if let repaired {
            buffer.truncate(to: start)
            buffer.append(repaired)
        }
    }
}
