import Foundation
import Logging
@_spi(RotorInternals) import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

/// `TextFormatter` remembers the order it sorted the last direct record's fields into
/// (`FieldOrderCache`) and tries it first: a record whose keys that order does not sort, from
/// another call site or with repeated keys, must still give the line its metadata gives.
@Suite struct FieldOrderCacheTests {
    /// The direct line and the line of a `LogRecord` carrying the same fields as metadata.
    private func bothLines(
        _ formatter: TextFormatter, fields: (inout RecordFields) -> Void
    ) -> (direct: String, record: String) {
        var direct = LogBuffer()
        formatter.format(
            timestamp: sampleTimestamp, level: .info, label: "api", message: "m", into: &direct, fields: fields)
        let record = LogRecord(
            timestamp: sampleTimestamp, level: .info, label: "api", message: "m",
            metadata: RecordFields.metadata(fields), source: "", file: "", function: "", line: 0)
        var viaRecord = LogBuffer()
        formatter.format(record, into: &viaRecord)
        return (direct.text, viaRecord.text)
    }

    /// Call sites with four fields each (one remembered order fits them all, or none), and
    /// others.
    private static let shapeCount = 9

    /// Writes the fields of call site `shape`.
    private static func write(shape: Int, into fields: inout RecordFields) {
        switch shape {
        case 0:  // the benchmark's: reversed
            fields.int("user_id", 1)
            fields.int("thread", 2)
            fields.string("path", "/p")
            fields.double("latency_ms", 3.5)
        case 1:  // the same keys in another order
            fields.double("latency_ms", 4.5)
            fields.int("user_id", 5)
            fields.string("path", "/q")
            fields.int("thread", 6)
        case 2:  // other keys, same count: the remembered order does not sort them
            fields.int("d", 1)
            fields.int("c", 2)
            fields.int("a", 3)
            fields.int("b", 4)
        case 3:  // other keys that the remembered order of the first shape happens to sort
            fields.int("z", 1)
            fields.int("y", 2)
            fields.int("x", 3)
            fields.int("w", 4)
        case 4:  // a repeated key: the first spelling, the last value, one pair
            fields.int("k", 1)
            fields.int("a", 2)
            fields.int("k", 3)
            fields.int("b", 4)
        case 5:  // already sorted
            fields.int("a", 1)
            fields.int("b", 2)
            fields.int("c", 3)
            fields.int("d", 4)
        case 6:  // equal first eight bytes
            fields.int("request.method", 1)
            fields.int("request.id", 2)
            fields.int("request.idx", 3)
            fields.int("request", 4)
        case 7:  // non-ASCII keys sort as `String`s
            fields.int("é", 1)
            fields.int("e", 2)
            fields.int("😀", 3)
            fields.int("f", 4)
        default:  // fewer fields
            fields.int("b", 1)
            fields.int("a", 2)
        }
    }

    @Test func alternatingCallSitesGiveTheLinesOfTheirMetadata() throws {
        for formatter in [TextFormatter(), try TextFormatter(pattern: "{metadata}|{message}")] {
            var random = SplitMix64(seed: 9)
            for _ in 0..<400 {
                let shape = Int(random.next() % UInt64(Self.shapeCount))
                let (direct, record) = bothLines(formatter) { Self.write(shape: shape, into: &$0) }
                #expect(direct == record)
            }
        }
    }

    /// Puts `order` in every slot of `cache`.
    private static func rememberEverywhere(_ order: [Int], in cache: FieldOrderCache) {
        var order = order
        guard let packed = order.withUnsafeMutableBufferPointer({ FieldOrderCache.pack($0) }) else { return }
        for signature in UInt64(0)..<1_000 { cache.remember(packed, for: signature) }
    }

    @Test func aWrongRememberedOrderIsNotUsed() {
        let formatter = TextFormatter()
        // Every permutation of four positions, remembered in turn before the same record.
        var permutations: [[Int]] = [[]]
        for _ in 0..<4 {
            permutations = permutations.flatMap { prefix in
                (0..<4).filter { !prefix.contains($0) }.map { prefix + [$0] }
            }
        }
        for shape in [0, 3, 4, 6, 7] {
            let expected = bothLines(formatter) { Self.write(shape: shape, into: &$0) }.record
            for permutation in permutations {
                Self.rememberEverywhere(permutation, in: formatter.fieldOrder)
                #expect(bothLines(formatter) { Self.write(shape: shape, into: &$0) }.direct == expected)
            }
        }
    }

    @Test func ordersArePackedForUpToFifteenFields() {
        let cache = FieldOrderCache()
        var random = SplitMix64(seed: 3)
        for count in 2...FieldOrderCache.maximumCount {
            var order = Array(0..<count)
            order.shuffle(using: &random)
            let packed = order.withUnsafeMutableBufferPointer { FieldOrderCache.pack($0) }
            #expect(packed.map { Int($0 & 0xF) } == count)
            // Positions plus one, then zeros.
            let unpacked = (0..<16).map { index in packed.map { Int($0 >> (4 + 4 * UInt64(index)) & 0xF) } }
            #expect(unpacked == order.map { $0 + 1 } + Array(repeating: 0, count: 16 - count))
            let signature = random.next()
            cache.remember(packed ?? 0, for: signature)
            #expect(cache.order(for: signature) == packed)
        }
        // Sixteen positions, or one, do not fit.
        var sixteen = Array((0..<16).reversed())
        #expect(sixteen.withUnsafeMutableBufferPointer { FieldOrderCache.pack($0) } == nil)
        var one = [0]
        #expect(one.withUnsafeMutableBufferPointer { FieldOrderCache.pack($0) } == nil)
    }

    @Test func everySlotIsUsed() {
        let slots = Set((UInt64(0)..<1_000).map { FieldOrderCache.slot(of: $0 &* 0x1234_5678_9ABC_DEF1) })
        #expect(slots == Set(0..<FieldOrderCache.slotCount))
    }

    @Test func threadsWithDifferentCallSitesShareOneFormatter() {
        let formatter = TextFormatter()
        let expected = (0..<Self.shapeCount).map { shape in
            bothLines(formatter) { Self.write(shape: shape, into: &$0) }.record
        }
        let mismatches = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            var random = SplitMix64(seed: UInt64(thread) &+ 100)
            var wrong = 0
            for _ in 0..<5_000 {
                let shape = Int(random.next() % UInt64(Self.shapeCount))
                var line = LogBuffer()
                formatter.format(timestamp: sampleTimestamp, level: .info, label: "api", message: "m", into: &line) {
                    Self.write(shape: shape, into: &$0)
                }
                if line.text != expected[shape] { wrong += 1 }
            }
            mismatches.withLock { $0 += wrong }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }
}
