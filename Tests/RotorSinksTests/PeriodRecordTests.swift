import RotorCore
import RotorRotation
import Testing

@testable import RotorSinks

/// The period state file's record: both forms read back, an older Rotor's one-line record still
/// reads, and anything else is refused rather than half read.
@Suite struct PeriodRecordTests {
    @Test func aRecordWithTheNewestArchiveReadsBack() {
        let record = PeriodRecord(
            periodStart: LogTimestamp(nanosecondsSinceEpoch: 1_765_000_000_123_456_789),
            newestArchive: ArchiveID(millisecondsSinceEpoch: 1_765_000_000_123, sequence: 7))
        #expect(
            String(decoding: record.encoded(), as: UTF8.self)
                == "period-start 1765000000123456789\nnewest-archive 1765000000123 7\n")
        #expect(PeriodRecord.parse(record.encoded()) == record)
    }

    @Test func aRecordWithoutAnArchiveIsOneLine() {
        let record = PeriodRecord(periodStart: LogTimestamp(nanosecondsSinceEpoch: -5))
        #expect(String(decoding: record.encoded(), as: UTF8.self) == "period-start -5\n")
        #expect(PeriodRecord.parse(record.encoded()) == record)
    }

    @Test(arguments: [
        "", "period-start 12", "period-start x\n", "period-start 12\nnewest-archive 5\n",
        "period-start 12\nnewest-archive 5 0\n", "period-start 12\nnewest-archive 5 1000\n",
        "period-start 12\nnewest-archive 5 1\nmore\n", "period-start 12\nlatest 5 1\n", "period-start 12\n\n",
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect(PeriodRecord.parse(Array(text.utf8)) == nil)
    }
}
