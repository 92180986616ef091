import Logging
import RotorCore
import RotorFormatters

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
            fixedFields =
                space + header.hostname + space + header.appName + Array("[".utf8) + header.procID
                + Array("]: ".utf8)
        } else {
            fixedFields =
                space + header.hostname + space + header.appName + space + header.procID + space
                + header.msgID + space
        }
    }

    /// Whether the payload formatter writes the source (the structured data never does).
    var writesSource: Bool { payloadFormatter?.writesSource ?? false }

    func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        if let payloadFormatter {
            appendFrame(level: record.level, timestamp: record.timestamp, into: &buffer, checksUTF8: true) { _ in
            } message: {
                payloadFormatter.format(record, into: &$0)
            }
        } else {
            appendFrame(level: record.level, timestamp: record.timestamp, into: &buffer, checksUTF8: false) {
                StructuredDataWriter.append(record, id: header.structuredDataID, into: &$0)
            } message: {
                $0.append(record.message)  // a String is valid UTF-8
            }
        }
    }

    /// Appends one framed message: the count, the header, the structured data (`-` when
    /// `structuredData` appends nothing), and MSG written by `message` (without a final newline,
    /// and, with `checksUTF8`, made valid UTF-8); cut to ``limit`` if need be. `message` may be
    /// called twice (after dropping the structured data of a message that is too long).
    func appendFrame(
        level: Logger.Level, timestamp: LogTimestamp, into buffer: inout LogBuffer, checksUTF8: Bool,
        structuredData: (inout LogBuffer) -> Void, message: (inout LogBuffer) -> Void
    ) {
        let frameStart = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(0), count: Self.prefixSize))
        let messageStart = buffer.count
        buffer.append(priorities[SyslogSeverity(level).rawValue])
        if format == .rfc3164 {
            SyslogTimestamp.appendRFC3164(timestamp, into: &buffer)
        } else {
            SyslogTimestamp.appendRFC5424(timestamp, into: &buffer)
        }
        buffer.append(fixedFields)
        let structuredDataStart = buffer.count
        structuredData(&buffer)
        if buffer.count == structuredDataStart {
            if format == .rfc5424 { buffer.append(UInt8(ascii: "-")) }
        } else if format == .rfc3164 {
            buffer.append(UInt8(ascii: " "))
        }
        let payloadStart = buffer.count
        appendMessage(into: &buffer, checksUTF8: checksUTF8, message)
        if buffer.count - messageStart > limit {
            counters.update { $0.oversizeRecords += 1 }
            if payloadStart - messageStart > limit {
                // The header and structured data alone are too long: drop the structured data.
                buffer.truncate(to: structuredDataStart)
                if format == .rfc5424 { buffer.append(UInt8(ascii: "-")) }
                appendMessage(into: &buffer, checksUTF8: checksUTF8, message)
            }
            let end = buffer.withUnsafeBytes { bytes in
                UTF8Repair.boundary(bytes, from: messageStart, atMost: messageStart + limit)
            }
            buffer.truncate(to: end)
        }
        buffer.storeBytes(of: UInt32(truncatingIfNeeded: buffer.count - messageStart), at: frameStart)
    }

    /// ` MSG` (RFC 5424) or `MSG` (RFC 3164): what `message` writes, without a final newline,
    /// made valid UTF-8 when `checksUTF8` (a formatter's bytes may not be).
    private func appendMessage(
        into buffer: inout LogBuffer, checksUTF8: Bool, _ message: (inout LogBuffer) -> Void
    ) {
        if format == .rfc5424 { buffer.append(UInt8(ascii: " ")) }
        if byteOrderMark { buffer.append([0xEF, 0xBB, 0xBF]) }
        let start = buffer.count
        message(&buffer)
        guard checksUTF8 else { return }
        if buffer.count > start && buffer.last == UInt8(ascii: "\n") { buffer.truncate(to: buffer.count - 1) }
        let repaired: [UInt8]? = buffer.withUnsafeBytes { bytes in
            let written = UnsafeRawBufferPointer(rebasing: bytes[start...])
            return UTF8Repair.isValid(written) ? nil : UTF8Repair.repaired(written)
        }
        if let repaired {
            buffer.truncate(to: start)
            buffer.append(repaired)
        }
    }
}
