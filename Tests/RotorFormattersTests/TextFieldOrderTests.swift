import Foundation
import Logging
@_spi(RotorInternals) import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

/// `TextFormatter`'s direct path writes the typed fields past the line, then copies them once,
/// sorted, into place, in an order remembered per call site and checked while copying; other
/// records are sorted out of line. Whatever path a record takes, its line must be the line its
/// fields give as swift-log metadata.
@Suite struct TextFieldOrderTests {
    /// Keys of every kind: the benchmark's, equal first eight bytes, a prefix of another, longer
    /// than the inline fast path takes (16 bytes), needing escapes, with `=`, not ASCII (one of
    /// them canonically equal to another), empty.
    static let keys: [StaticString] = [
        "user_id", "thread", "path", "latency_ms", "a", "b", "id", "z",
        "request_id", "request_path", "request_", "request", "requesu",
        "http.request.method.name", "http.request.method",
        "tab\tkey", "new\nline", "quote\"key", "back\\slash",
        "a=b", "é", "e\u{301}", "😀", "ea", "", "aé",
    ]

    /// Values of every length: short, over 32 bytes (one pair longer than a short copy), over
    /// 256 bytes (longer than the gap), and hostile text.
    static let values: [String] = [
        "", "x", "/api/v1/items/123", String(repeating: "v", count: 40), String(repeating: "w", count: 300),
        hostileString, "with space", "=",
    ]

    /// One record's fields, as calls to replay.
    struct Record {
        var fields: [(key: Int, value: Int, kind: Int)] = []

        /// Writes the fields.
        func write(into writer: inout RecordFields) {
            for field in fields {
                let key = TextFieldOrderTests.keys[field.key]
                switch field.kind {
                case 0: writer.int(key, field.value)
                case 1: writer.double(key, Double(field.value) / 8)
                case 2: writer.bool(key, field.value % 2 == 0)
                default: writer.string(key, TextFieldOrderTests.values[field.value % TextFieldOrderTests.values.count])
                }
            }
        }
    }

    /// A record of `count` fields with random keys (from the first `keyPool` keys) and values.
    static func randomRecord(count: Int, keyPool: Int, using random: inout SplitMix64) -> Record {
        var record = Record()
        for _ in 0..<count {
            record.fields.append(
                (
                    key: Int(random.next() % UInt64(keyPool)), value: Int(random.next() % 1000),
                    kind: Int(random.next() % 4)
                ))
        }
        return record
    }

    /// The direct line and the line of a `LogRecord` with the same fields as metadata.
    static func bothLines(_ formatter: TextFormatter, _ record: Record) -> (direct: String, metadata: String) {
        var direct = LogBuffer()
        direct.append("prefix|")
        formatter.format(
            timestamp: sampleTimestamp, level: .notice, label: "api", message: "m", into: &direct,
            fields: record.write)
        var viaRecord = LogBuffer()
        viaRecord.append("prefix|")
        formatter.format(
            LogRecord(
                timestamp: sampleTimestamp, level: .notice, label: "api", message: "m",
                metadata: RecordFields.metadata(record.write), source: "", file: "", function: "", line: 0),
            into: &viaRecord)
        return (direct.text, viaRecord.text)
    }

    static let formatters: [TextFormatter] = [
        TextFormatter(),
        TextFormatter(colorMode: .always),
        // Not the usual layout: the pieces are walked.
        (try? TextFormatter(pattern: "{metadata}|{message} {metadata}")) ?? TextFormatter(),
    ]

    @Test func randomRecordsGiveTheLinesOfTheirMetadata() {
        var random = SplitMix64(seed: 17)
        for formatter in Self.formatters {
            for _ in 0..<600 {
                let record = Self.randomRecord(
                    count: Int(random.next() % 21), keyPool: Self.keys.count, using: &random)
                // Twice: the second time the order is remembered.
                for _ in 0..<2 {
                    let (direct, metadata) = Self.bothLines(formatter, record)
                    #expect(direct == metadata)
                }
            }
        }
    }

    @Test func anyRememberedOrderIsCheckedBeforeUse() {
        var random = SplitMix64(seed: 23)
        let formatter = TextFormatter()
        for _ in 0..<3_000 {
            let record = Self.randomRecord(count: 2 + Int(random.next() % 5), keyPool: Self.keys.count, using: &random)
            // A random order of as many fields, in every slot and as the recent order.
            var order = Array(0..<record.fields.count)
            order.shuffle(using: &random)
            let packed = order.withUnsafeMutableBufferPointer { FieldOrderCache.pack($0) } ?? 0
            for signature in UInt64(0)..<64 { formatter.fieldOrder.remember(packed, for: signature) }
            let (direct, metadata) = Self.bothLines(formatter, record)
            #expect(direct == metadata)
        }
    }

    @Test func everyOrderOfTheSameKeysGivesOneLine() {
        // All 120 orders of five keys, in turn on one formatter: each order is remembered, then
        // tried on the next record, whose keys it does not sort.
        var orders: [[Int]] = [[]]
        for _ in 0..<5 {
            orders = orders.flatMap { prefix in (0..<5).filter { !prefix.contains($0) }.map { prefix + [$0] } }
        }
        let formatter = TextFormatter()
        var lines: Set<String> = []
        for order in orders + orders.reversed() {
            let record = Record(fields: order.map { (key: $0, value: 7, kind: 0) })
            let (direct, metadata) = Self.bothLines(formatter, record)
            #expect(direct == metadata)
            lines.insert(direct)
        }
        #expect(lines.count == 1)
    }

    @Test func repeatedKeysKeepTheFirstSpellingAndTheLastValue() {
        let formatter = TextFormatter()
        let records = [
            // Plain keys, one repeated three times.
            Record(fields: [
                (key: 0, value: 1, kind: 0), (key: 1, value: 2, kind: 0), (key: 0, value: 3, kind: 0),
                (key: 0, value: 4, kind: 3),
            ]),
            // Canonically equal keys, "é" and "e" + combining acute: one pair.
            Record(fields: [(key: 21, value: 1, kind: 0), (key: 4, value: 2, kind: 0), (key: 20, value: 3, kind: 0)]),
            // Escaped keys, repeated.
            Record(fields: [(key: 16, value: 1, kind: 0), (key: 15, value: 2, kind: 3), (key: 16, value: 3, kind: 3)]),
            // Longer than the inline fast path, repeated.
            Record(fields: [(key: 13, value: 1, kind: 0), (key: 14, value: 2, kind: 0), (key: 13, value: 4, kind: 3)]),
        ]
        for record in records {
            for _ in 0..<2 {
                let (direct, metadata) = Self.bothLines(formatter, record)
                #expect(direct == metadata)
            }
        }
        let line = Self.bothLines(formatter, records[0]).direct
        #expect(line.hasSuffix(" m thread=2 user_id=\(String(repeating: "w", count: 300))\n"))
    }

    @Test func manyFieldsAndLongPairs() {
        let formatter = TextFormatter()
        let records = [
            // More fields than fit on the stack (16) or in a remembered order (15).
            Record(fields: (0..<40).map { (key: ($0 * 7) % TextFieldOrderTests.keys.count, value: $0, kind: 0) }),
            Record(fields: (0..<15).map { (key: 14 - $0, value: $0, kind: 0) }),
            Record(fields: (0..<16).map { (key: 15 - $0, value: $0, kind: 0) }),
            // Pairs over 32 bytes, and pairs longer than the gap.
            Record(fields: [(key: 3, value: 3, kind: 3), (key: 2, value: 4, kind: 3), (key: 1, value: 3, kind: 3)]),
            Record(fields: [(key: 3, value: 4, kind: 3), (key: 2, value: 4, kind: 3), (key: 1, value: 4, kind: 3)]),
        ]
        for record in records {
            for _ in 0..<3 {
                let (direct, metadata) = Self.bothLines(formatter, record)
                #expect(direct == metadata)
            }
        }
    }

    /// Two threads, each taking turns between two call sites whose keys are the same set in
    /// different orders, on one formatter: the remembered orders are shared without a lock (run
    /// under ThreadSanitizer too).
    @Test func twoThreadsAlternatingKeySetsShareTheRememberedOrders() {
        let formatter = TextFormatter()
        let sites = [
            Record(fields: [0, 1, 2, 3].map { (key: $0, value: $0, kind: 0) }),
            Record(fields: [3, 1, 0, 2].map { (key: $0, value: $0, kind: 0) }),
            Record(fields: [8, 9, 10, 4].map { (key: $0, value: $0, kind: 0) }),
            Record(fields: [4, 10, 9, 8].map { (key: $0, value: $0, kind: 3) }),
        ]
        let expected = sites.map { Self.bothLines(formatter, $0).metadata }
        let mismatches = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            var wrong = 0
            var line = LogBuffer()
            for index in 0..<20_000 {
                let site = thread * 2 + index % 2
                line.removeAll()
                line.append("prefix|")
                formatter.format(
                    timestamp: sampleTimestamp, level: .notice, label: "api", message: "m", into: &line,
                    fields: sites[site].write)
                if line.text != expected[site] { wrong += 1 }
            }
            mismatches.withLock { $0 += wrong }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }

    @Test func theUsualLayoutIsWrittenStraightAndOthersPieceByPiece() throws {
        let straight = [
            TextFormatter.defaultPattern,
            "{timestamp} [{LEVEL}] {label}: {message} {metadata}",
            "{timestamp}{label}{message}{metadata}",
            "<{timestamp}|{label}|{message}|{metadata}> {source}{function}{error}",
        ]
        for pattern in straight {
            for colorMode in [TextFormatter.ColorMode.never, .always] {
                #expect(!(try TextFormatter(pattern: pattern, colorMode: colorMode)).layout.directShapes.isEmpty)
            }
        }
        let walked = [
            "{label} {timestamp} {message} {metadata}",
            "{timestamp} {label}: {message}",
            "{timestamp} {label}: {message} {metadata} {metadata}",
            "{timestamp} {label}: {message} {metadata} and a literal after it that is longer than 32 bytes",
        ]
        for pattern in walked {
            #expect((try TextFormatter(pattern: pattern)).layout.directShapes.isEmpty)
        }
        var random = SplitMix64(seed: 5)
        for pattern in straight + walked {
            for colorMode in [TextFormatter.ColorMode.never, .always] {
                let formatter = try TextFormatter(pattern: pattern, colorMode: colorMode)
                for count in [0, 1, 4, 9] {
                    let record = Self.randomRecord(count: count, keyPool: 12, using: &random)
                    let (direct, metadata) = Self.bothLines(formatter, record)
                    #expect(direct == metadata)
                }
            }
        }
    }
}
