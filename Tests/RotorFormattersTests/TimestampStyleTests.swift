import RotorCore
import RotorFormatters
import Testing

@Suite struct TimestampStyleTests {
    @Test func defaultsToUTCWithMicroseconds() {
        #expect(TimestampStyle.utc.utcOffsetSeconds == nil)
        #expect(TimestampStyle.utc.fractionalDigits == 6)
    }

    @Test func rejectsOffsetsThatAreNotWholeMinutesWithinADay() {
        for offset in [30, -1, 86_400, -86_400, 100_000] {
            #expect {
                _ = try TimestampStyle(utcOffsetSeconds: offset)
            } throws: { error in
                let error = error as? FormatterError
                return error?.code == .invalidConfiguration && error?.field == "utcOffsetSeconds"
            }
        }
    }

    @Test func rejectsFractionalDigitsOutsideZeroToNine() {
        for digits in [-1, 10] {
            #expect {
                _ = try TimestampStyle(fractionalDigits: digits)
            } throws: { error in
                (error as? FormatterError)?.field == "fractionalDigits"
            }
        }
    }
}
