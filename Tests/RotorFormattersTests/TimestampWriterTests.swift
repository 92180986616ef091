import Foundation
import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

@Suite struct TimestampWriterTests {
    private func text(_ timestamp: LogTimestamp, _ style: TimestampStyle = .utc) -> String {
        var buffer = LogBuffer()
        TimestampWriter.append(timestamp, style: style, into: &buffer)
        return buffer.text
    }

    private func text(seconds: Int64, nanoseconds: Int64 = 0, _ style: TimestampStyle = .utc) -> String {
        var buffer = LogBuffer()
        TimestampWriter.append(seconds: seconds, nanoseconds: nanoseconds, style: style, into: &buffer)
        return buffer.text
    }

    @Test func writesKnownInstantsInUTC() {
        #expect(text(LogTimestamp(nanosecondsSinceEpoch: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(text(LogTimestamp(secondsSinceEpoch: 951_782_400)) == "2000-02-29T00:00:00.000000Z")
        #expect(
            text(LogTimestamp(secondsSinceEpoch: 951_868_799, nanoseconds: 999_999_999))
                == "2000-02-29T23:59:59.999999Z")
        #expect(text(sampleTimestamp) == "2026-11-21T14:30:22.123456Z")
        #expect(
            text(LogTimestamp(secondsSinceEpoch: 1_795_271_422, nanoseconds: 123_456_000))
                == "2026-11-21T14:30:22.123456Z")
        // 2100: no leap day.
        #expect(text(LogTimestamp(secondsSinceEpoch: 4_107_542_400)) == "2100-03-01T00:00:00.000000Z")
    }

    @Test func writesInstantsBeforeTheEpoch() {
        #expect(text(LogTimestamp(nanosecondsSinceEpoch: -1_000)) == "1969-12-31T23:59:59.999999Z")
        #expect(text(LogTimestamp(nanosecondsSinceEpoch: -1)) == "1969-12-31T23:59:59.999999Z")
        #expect(text(LogTimestamp(secondsSinceEpoch: -14_182_940)) == "1969-07-20T20:17:40.000000Z")
        #expect(text(LogTimestamp(secondsSinceEpoch: -2_208_988_800)) == "1900-01-01T00:00:00.000000Z")
    }

    @Test func writesTheEndsOfLogTimestampsRange() {
        #expect(text(LogTimestamp(nanosecondsSinceEpoch: .min)) == "1677-09-21T00:12:43.145224Z")
        #expect(text(LogTimestamp(nanosecondsSinceEpoch: .max)) == "2262-04-11T23:47:16.854775Z")
    }

    @Test func writesTheEndsOfTheFourDigitYearRange() {
        #expect(text(seconds: 253_402_300_799, nanoseconds: 999_999_999) == "9999-12-31T23:59:59.999999Z")
        #expect(text(seconds: -62_135_596_800) == "0001-01-01T00:00:00.000000Z")
        #expect(text(seconds: 253_402_300_800) == "10000-01-01T00:00:00.000000Z")  // expanded form
        #expect(text(seconds: -62_135_596_801) == "0000-12-31T23:59:59.000000Z")  // astronomical year 0
        #expect(text(seconds: -62_167_219_201) == "-0001-12-31T23:59:59.000000Z")
    }

    @Test func writesFixedOffsets() throws {
        let plusOne = try TimestampStyle(utcOffsetSeconds: 3600)
        #expect(text(sampleTimestamp, plusOne) == "2026-11-21T15:30:22.123456+01:00")
        let minusFiveThirty = try TimestampStyle(utcOffsetSeconds: -19_800)
        #expect(text(sampleTimestamp, minusFiveThirty) == "2026-11-21T09:00:22.123456-05:30")
        let minusOne = try TimestampStyle(utcOffsetSeconds: -3600)
        #expect(text(LogTimestamp(nanosecondsSinceEpoch: 0), minusOne) == "1969-12-31T23:00:00.000000-01:00")
        let nearlyADay = try TimestampStyle(utcOffsetSeconds: 86_340)
        #expect(text(LogTimestamp(secondsSinceEpoch: 1_798_761_599), nearlyADay) == "2027-01-01T23:58:59.000000+23:59")
        let zero = try TimestampStyle(utcOffsetSeconds: 0)
        #expect(text(sampleTimestamp, zero) == "2026-11-21T14:30:22.123456+00:00")
    }

    @Test func writesTheRequestedFractionalDigitsTruncated() throws {
        #expect(text(sampleTimestamp, try TimestampStyle(fractionalDigits: 0)) == "2026-11-21T14:30:22Z")
        #expect(text(sampleTimestamp, try TimestampStyle(fractionalDigits: 1)) == "2026-11-21T14:30:22.1Z")
        #expect(text(sampleTimestamp, try TimestampStyle(fractionalDigits: 3)) == "2026-11-21T14:30:22.123Z")
        #expect(text(sampleTimestamp, try TimestampStyle(fractionalDigits: 9)) == "2026-11-21T14:30:22.123456789Z")
        let nearlyNext = LogTimestamp(secondsSinceEpoch: 59, nanoseconds: 999_999_999)
        #expect(text(nearlyNext, try TimestampStyle(fractionalDigits: 3)) == "1970-01-01T00:00:59.999Z")
        #expect(
            text(LogTimestamp(secondsSinceEpoch: 1, nanoseconds: 5), try TimestampStyle(fractionalDigits: 9))
                == "1970-01-01T00:00:01.000000005Z")
    }

    @Test func agreesWithFoundationOnRandomInstants() {
        let iso = withFoundationDateLock { () -> ISO8601DateFormatter in
            let iso = ISO8601DateFormatter()
            iso.formatOptions = [.withInternetDateTime]
            iso.timeZone = TimeZone(identifier: "UTC")
            _ = iso.string(from: Date(timeIntervalSince1970: 0))  // builds its CF object under the lock
            return iso
        }
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<5_000 {
            let nanoseconds = Int64.random(in: .min ... .max, using: &generator)
            let timestamp = LogTimestamp(nanosecondsSinceEpoch: nanoseconds)
            let ours = text(timestamp)
            let whole = iso.string(from: Date(timeIntervalSince1970: Double(timestamp.secondsSinceEpoch)))
            let micros = String(timestamp.nanosecondPart / 1000)
            let expected = whole.dropLast() + "." + String(repeating: "0", count: 6 - micros.count) + micros + "Z"
            #expect(ours == expected, "\(nanoseconds) ns")
        }
    }

    @Test func agreesWithFoundationOnRandomInstantsAtOffsets() throws {
        var generator = SplitMix64(seed: 7)
        let offsets = [3600, -3600, 19_800, -34_200, 45_900, -43_200, 50_400, 60]
        for offset in offsets {
            let iso = withFoundationDateLock { () -> ISO8601DateFormatter in
                let iso = ISO8601DateFormatter()
                iso.formatOptions = [.withInternetDateTime]
                iso.timeZone = TimeZone(secondsFromGMT: offset)
                _ = iso.string(from: Date(timeIntervalSince1970: 0))  // builds its CF object under the lock
                return iso
            }
            let style = try TimestampStyle(utcOffsetSeconds: offset, fractionalDigits: 0)
            for _ in 0..<500 {
                let seconds = Int64.random(in: -9_000_000_000...9_000_000_000, using: &generator)
                let expected = iso.string(from: Date(timeIntervalSince1970: Double(seconds)))
                #expect(text(seconds: seconds, style) == expected, "\(seconds) s at \(offset)")
            }
        }
    }

    @Test func civilDateMatchesFoundationsCalendarAcrossCenturies() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        // Every day from 1800 to 2400 would be 219 000 calls; step 7 days plus the leap-year edges.
        var seconds: Int64 = -5_364_662_400  // 1800-01-01
        while seconds < 13_569_465_600 {  // 2400-01-01
            let civil = TimestampWriter.civil(fromSecondsSinceEpoch: seconds)
            let parts = calendar.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: Double(seconds)))
            #expect(
                [civil.year, civil.month, civil.day] == [Int64(parts.year!), Int64(parts.month!), Int64(parts.day!)])
            seconds += 7 * 86_400 + 3_601
        }
    }
}
