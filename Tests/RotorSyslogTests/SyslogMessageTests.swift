import Foundation
import Logging
import RotorCore
import RotorFormatters
import RotorSinks
import RotorSyslog
import RotorTestKit
import Testing

/// The messages a sink makes, read from a Unix datagram socket the test binds itself.
@Suite struct SyslogMessageTests {
    /// Sends `records` through a sink configured by `change` and returns the datagrams and the
    /// sink's final statistics.
    private func send(
        _ records: [LogRecord], _ change: (inout SyslogSinkConfiguration) -> Void = { _ in }
    ) throws -> (messages: [[UInt8]], statistics: SinkStatistics) {
        try withTemporaryDirectory { dir in
            let receiver = try DatagramReceiver(path: dir + "/log.sock")
            let sink = try SyslogSink(
                destination: .unixSocket(path: receiver.path), configuration: quietConfiguration(change),
                failureHandler: discardFailures)
            records.forEach(sink.log)
            sink.close()
            return (receiver.receiveAll(quiet: 100), sink.statistics)
        }
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func rfc5424HeaderAndEscapedStructuredData() throws {
        let metadata: Logger.Metadata = [
            "quote": "a\"b]c\\d", "nested": ["k": "v"], "bad name=": "1", "list": ["x", "y"],
        ]
        let (messages, statistics) = try send([record("hello world", level: .warning, metadata: metadata)])
        #expect(messages.count == 1)
        let message = text(messages[0])
        let parts = message.split(separator: " ", maxSplits: 6)
        #expect(parts[0] == "<12>1")  // user (1) * 8 + warning (4)
        #expect(parts[1].count == 27 && parts[1].hasSuffix("Z") && parts[1].contains("T"))
        #expect(parts[2] == "testhost" && parts[3] == "rotortest" && parts[4] == "42" && parts[5] == "-")
        #expect(
            parts[6]
                == #"[rotor@32473 label="test" bad_name_="1" list="[x, y\]" nested.k="v" quote="a\"b\]c\\d"] hello world"#
        )
        #expect(statistics.recordsWritten == 1 && statistics.totalRecordsDropped == 0)
    }

    @Test func timestampIsUTCToTheMicrosecond() throws {
        var one = record("t")
        one.timestamp = LogTimestamp(secondsSinceEpoch: 1_709_210_096, nanoseconds: 123_456_789)  // 2024-02-29
        let (messages, _) = try send([one])
        #expect(text(messages[0]).contains(" 2024-02-29T12:34:56.123456Z testhost "))
    }

    @Test func facilityAndSeverityMakeThePriority() throws {
        let (messages, _) = try send([record("e", level: .error), record("d", level: .trace)]) {
            $0.facility = .local0
            $0.msgID = "AUDIT"
        }
        #expect(text(messages[0]).hasPrefix("<131>1 "))  // 16 * 8 + 3
        #expect(text(messages[1]).hasPrefix("<135>1 "))  // 16 * 8 + 7
        #expect(text(messages[0]).contains(" rotortest 42 AUDIT [rotor@32473 "))
    }

    @Test func jsonPayloadIsTheMessage() throws {
        let (messages, _) = try send([record("hi \"there\"", metadata: ["k": "v"])]) { $0.payload = .json }
        let message = text(messages[0])
        let json = try #require(message.range(of: " - {")).upperBound
        let object = try JSONSerialization.jsonObject(with: Data(("{" + message[json...]).utf8)) as? [String: Any]
        #expect(object?["message"] as? String == "hi \"there\"")
        #expect((object?["metadata"] as? [String: Any])?["k"] as? String == "v")
        #expect(!message.hasSuffix("\n"))
    }

    @Test func rfc3164ForOldDaemons() throws {
        let (messages, _) = try send([record("legacy")]) {
            $0.format = .rfc3164
            $0.facility = .daemon
        }
        let message = text(messages[0])
        #expect(message.hasPrefix("<30>"))  // 3 * 8 + 6
        // "<30>Dec  6 13:43:17 testhost rotortest[42]: …"
        let stamp = message.dropFirst(4).prefix(15)
        #expect(stamp.count == 15 && stamp.dropFirst(3).first == " " && stamp.dropFirst(9).first == ":")
        #expect(message.dropFirst(19).hasPrefix(#" testhost rotortest[42]: [rotor@32473 label="test"] legacy"#))
    }

    @Test func anOversizedMessageIsCutOnACharacterBoundaryAndCounted() throws {
        let long = String(repeating: "é", count: 1000)  // 2000 bytes
        let (messages, statistics) = try send([record(long), record("short")]) { $0.maximumMessageSize = 480 }
        #expect(messages.count == 2)
        #expect(messages[0].count <= 480 && messages[0].count >= 478)
        #expect(String(validating: messages[0], as: UTF8.self) != nil)
        #expect(text(messages[0]).hasSuffix("é"))
        #expect(statistics.oversizeRecords == 1)
        #expect(statistics.recordsWritten == 2)
    }

    @Test func theStructuredDataGoesFirstWhenItAloneIsTooLong() throws {
        let (messages, statistics) = try send([
            record("kept", metadata: ["big": .string(String(repeating: "x", count: 600))])
        ]) {
            $0.maximumMessageSize = 480
        }
        #expect(text(messages[0]).hasSuffix(" 42 - - kept"))
        #expect(statistics.oversizeRecords == 1)
    }

    @Test func invalidUTF8FromAFormatterIsReplaced() throws {
        let (messages, _) = try send([record("x")]) { $0.payload = .formatted(BrokenUTF8Formatter()) }
        #expect(text(messages[0]).hasSuffix(" - - f\u{FFFD}o\u{FFFD}"))
        #expect(String(validating: messages[0], as: UTF8.self) != nil)
    }

    @Test func byteOrderMarkWhenAsked() throws {
        let (messages, _) = try send([record("bom")]) { $0.byteOrderMark = true }
        #expect(Array(messages[0].suffix(6)) == [0xEF, 0xBB, 0xBF] + Array("bom".utf8))
    }

    /// The text of the one message a `DirectLogger` record with `n = 7` makes.
    private func directMessage(_ change: (inout SyslogSinkConfiguration) -> Void = { _ in }) throws -> String? {
        try withTemporaryDirectory { dir in
            let receiver = try DatagramReceiver(path: dir + "/log.sock")
            let sink = try SyslogSink(
                destination: .unixSocket(path: receiver.path), configuration: quietConfiguration(change))
            let logger = DirectLogger(label: "direct", sink: sink)
            logger.info("typed") { $0.int("n", 7) }
            sink.close()
            let messages = receiver.receiveText(quiet: 100)
            #expect(messages.count == 1)
            return messages.first
        }
    }

    @Test func directRecordsAreSentToo() throws {
        #expect(try directMessage()?.hasSuffix(#"[rotor@32473 label="direct" n="7"] typed"#) == true)
    }

    @Test func directRecordsKeepTheirNumbersInAJSONPayload() throws {
        let message = try #require(try directMessage { $0.payload = .json })
        #expect(message.contains(#""message":"typed""#) && message.contains(#""n":7"#))
        #expect(message.contains(" - - {"))
    }
}

/// Writes `f`, a stray byte 0xFF, `o`, and a sequence cut short, then a newline.
struct BrokenUTF8Formatter: LogFormatter {
    func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        buffer.append([0x66, 0xFF, 0x6F, 0xE2, 0x82, 0x0A])
    }
}
