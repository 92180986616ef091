import Foundation
import Logging
@_spi(RotorInternals) import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

/// The per-second cache of the formatters' timestamps (`TimestampCache`): the text it gives is the
/// text written without it, whatever order the seconds come in.
@Suite struct TimestampCacheTests {
    private func cached(_ timestamp: LogTimestamp, _ style: TimestampStyle, _ cache: TimestampCache) -> String {
        var buffer = LogBuffer()
        TimestampWriter.append(timestamp, style: style, cache: cache, into: &buffer)
        return buffer.text
    }

    private func uncached(_ timestamp: LogTimestamp, _ style: TimestampStyle) -> String {
        var buffer = LogBuffer()
        TimestampWriter.append(timestamp, style: style, into: &buffer)
        return buffer.text
    }

    private static let styles: [TimestampStyle] = [
        .utc,
        try! TimestampStyle(fractionalDigits: 0),
        try! TimestampStyle(fractionalDigits: 3),
        try! TimestampStyle(fractionalDigits: 9),
        try! TimestampStyle(utcOffsetSeconds: 3600),
        try! TimestampStyle(utcOffsetSeconds: -19_800, fractionalDigits: 9),
        try! TimestampStyle(utcOffsetSeconds: 0, fractionalDigits: 1),
    ]

    @Test func aSecondBoundaryWritesTheNextSecond() {
        let cache = TimestampCache()
        let before = LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 999_999_999)
        let after = LogTimestamp(secondsSinceEpoch: 1_795_271_423, nanoseconds: 0)
        #expect(cached(before, .utc, cache) == "2026-11-21T14:30:22.999999Z")
        #expect(cached(before, .utc, cache) == "2026-11-21T14:30:22.999999Z")  // from the cache
        #expect(cached(after, .utc, cache) == "2026-11-21T14:30:23.000000Z")
        #expect(cached(before, .utc, cache) == "2026-11-21T14:30:22.999999Z")  // back again
    }

    @Test func dayYearAndLeapDayBoundaries() {
        let cache = TimestampCache()
        let cases: [(Int64, Int64, String)] = [
            (1_798_761_599, 999_999_000, "2026-12-31T23:59:59.999999Z"),
            (1_798_761_600, 0, "2027-01-01T00:00:00.000000Z"),
            (1_835_395_199, 500_000_000, "2028-02-28T23:59:59.500000Z"),
            (1_835_395_200, 1_000, "2028-02-29T00:00:00.000001Z"),
            (1_835_481_600, 0, "2028-03-01T00:00:00.000000Z"),
            (1_798_761_599, 0, "2026-12-31T23:59:59.000000Z"),  // a year back
        ]
        for (seconds, nanoseconds, expected) in cases {
            #expect(cached(LogTimestamp(secondsSinceEpoch: seconds, nanoseconds: nanoseconds), .utc, cache) == expected)
        }
    }

    @Test func aManualClockGoingBackwardsAndForwards() {
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_798_761_599, nanoseconds: 999_999_999))
        let steps: [Duration] = [
            .zero, .nanoseconds(1), .seconds(-3600), .milliseconds(1), .seconds(86_400 * 400), .seconds(-1),
            .nanoseconds(-1), .seconds(-86_400 * 400), .zero,
        ]
        for style in Self.styles {
            let cache = TimestampCache()
            for step in steps {
                clock.advance(by: step)
                let now = clock.now()
                #expect(cached(now, style, cache) == uncached(now, style), "\(now) \(style)")
            }
        }
    }

    @Test func fixedOffsetsKeyTheCacheByLocalTime() throws {
        // 23:30 UTC is the next day at +01:00 and the same day at -05:30.
        let utcEvening = LogTimestamp(secondsSinceEpoch: 1_798_759_800, nanoseconds: 250_000_000)
        let plusOne = try TimestampStyle(utcOffsetSeconds: 3600)
        let minusFiveThirty = try TimestampStyle(utcOffsetSeconds: -19_800)
        let cache = TimestampCache()
        #expect(cached(utcEvening, .utc, cache) == "2026-12-31T23:30:00.250000Z")
        let plus = TimestampCache()
        #expect(cached(utcEvening, plusOne, plus) == "2027-01-01T00:30:00.250000+01:00")
        #expect(cached(utcEvening, plusOne, plus) == "2027-01-01T00:30:00.250000+01:00")
        let minus = TimestampCache()
        #expect(cached(utcEvening, minusFiveThirty, minus) == "2026-12-31T18:00:00.250000-05:30")
    }

    @Test func randomInstantsInAnyOrderMatchTheUncachedWriter() {
        var random = SplitMix64(seed: 2027)
        for style in Self.styles {
            let cache = TimestampCache()
            var now = Int64.random(in: -5_000_000_000...7_000_000_000, using: &random) * 1_000_000_000
            for _ in 0..<5_000 {
                // Mostly small steps (several records per second), some jumps either way.
                switch random.next() % 10 {
                case 0: now &+= Int64.random(in: -90_000_000_000_000...90_000_000_000_000, using: &random)
                case 1: now &-= Int64.random(in: 0...2_000_000_000, using: &random)
                default: now &+= Int64.random(in: 0...400_000_000, using: &random)
                }
                let timestamp = LogTimestamp(nanosecondsSinceEpoch: now)
                #expect(cached(timestamp, style, cache) == uncached(timestamp, style), "\(now) ns")
            }
        }
    }

    @Test func theEndsOfLogTimestampsRangeAreWrittenThroughTheCache() {
        let cache = TimestampCache()
        for nanoseconds in [Int64.min, .min + 1, -1, 0, .max - 1, .max] {
            let timestamp = LogTimestamp(nanosecondsSinceEpoch: nanoseconds)
            #expect(cached(timestamp, .utc, cache) == uncached(timestamp, .utc))
        }
    }

    @Test func onlyFourDigitYearsAreRemembered() {
        let cache = TimestampCache()
        var out = [UInt8](repeating: 0, count: 64)
        out.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            let year10000: Int64 = 253_402_300_800
            #expect(TimestampWriter.writeDateTime(localSecond: year10000, to: base, remembering: cache) == 20)
            #expect(!cache.load(localSecond: year10000, into: base))
            #expect(TimestampWriter.writeDateTime(localSecond: 0, to: base, remembering: cache) == 19)
            #expect(cache.load(localSecond: 0, into: base))
            #expect(String(decoding: out[0..<19], as: UTF8.self) == "1970-01-01T00:00:00")
            #expect(!cache.load(localSecond: 1, into: base))
        }
    }

    @Test func threadsSharingOneCacheWriteTheUncachedText() {
        let cache = TimestampCache()
        let base: Int64 = 1_798_761_590 * 1_000_000_000
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            var random = SplitMix64(seed: UInt64(thread + 1))
            var mismatches = 0
            for _ in 0..<20_000 {
                // Twenty seconds around a year boundary, so threads keep replacing the entry.
                let timestamp = LogTimestamp(
                    nanosecondsSinceEpoch: base + Int64.random(in: 0..<20_000_000_000, using: &random))
                var buffer = LogBuffer()
                TimestampWriter.append(timestamp, style: .utc, cache: cache, into: &buffer)
                if buffer.text != uncached(timestamp, .utc) { mismatches += 1 }
            }
            failures.withLock { $0 += mismatches }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func formattersWriteTheCachedTextAcrossASecond() throws {
        let json = JSONFormatter(fields: [])
        let text = TextFormatter()
        let first = LogTimestamp(secondsSinceEpoch: 1_798_761_599, nanoseconds: 999_999_000)
        let second = LogTimestamp(secondsSinceEpoch: 1_798_761_600, nanoseconds: 1_000)
        for (timestamp, expected) in [
            (first, "2026-12-31T23:59:59.999999Z"), (second, "2027-01-01T00:00:00.000001Z"),
            (first, "2026-12-31T23:59:59.999999Z"),
        ] {
            let record = makeRecord(timestamp: timestamp)
            let object = try parseJSONLine(formatted(record, with: json))
            #expect(object["timestamp"] as? String == expected)
            #expect(formattedText(record, with: text).hasPrefix(expected + " info app: hello"))
            var line = LogBuffer()
            text.format(timestamp: timestamp, level: .info, label: "app", message: "hello", into: &line) { _ in }
            #expect(line.text == expected + " info app: hello\n")
        }
    }
}
