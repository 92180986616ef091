import RotorCore
import RotorRotation
import Testing

@Suite struct RotationValidationTests {
    @Test(arguments: [Int64(0), -1, .min])
    func nonPositiveSizeIsRejected(_ maxBytes: Int64) {
        let error = #expect(throws: RotationError.self) { try SizeRotation(maxBytes: maxBytes) }
        #expect(error?.code == .invalidSize)
        #expect(error?.field == "maxBytes")
        #expect(error?.description.hasPrefix("rotation error invalidSize") == true)
    }

    @Test(arguments: [
        Duration.zero, .milliseconds(999), .nanoseconds(999_999_999), .seconds(-60), .seconds(Int64.max),
    ])
    func intervalsShorterThanASecondOrTooLongAreRejected(_ interval: Duration) {
        let error = #expect(throws: RotationError.self) { try TimeRotation.every(interval) }
        #expect(error?.code == .invalidInterval)
        #expect(error?.field == "interval")
    }

    @Test func oneSecondIsTheShortestInterval() throws {
        #expect(try TimeRotation.every(.seconds(1)).schedule == .every(.seconds(1)))
    }

    struct BadTime: Sendable, CustomTestStringConvertible {
        var hour: Int, minute: Int, second: Int, field: String
        var testDescription: String { "\(hour):\(minute):\(second) -> \(field)" }
    }

    @Test(arguments: [
        BadTime(hour: 24, minute: 0, second: 0, field: "hour"),
        BadTime(hour: -1, minute: 0, second: 0, field: "hour"),
        BadTime(hour: 12, minute: 60, second: 0, field: "minute"),
        BadTime(hour: 12, minute: -1, second: 0, field: "minute"),
        BadTime(hour: 12, minute: 0, second: 60, field: "second"),
        BadTime(hour: 12, minute: 0, second: -1, field: "second"),
    ])
    func invalidTimeOfDayNamesTheField(_ row: BadTime) {
        let error = #expect(throws: RotationError.self) {
            try TimeOfDay(hour: row.hour, minute: row.minute, second: row.second)
        }
        #expect(error?.code == .invalidTimeOfDay)
        #expect(error?.field == row.field)
    }

    @Test func validTimesOfDay() throws {
        let time = try TimeOfDay(hour: 23, minute: 59, second: 59)
        #expect(time.secondsSinceMidnight == 86_399)
        #expect(time.description == "23:59:59")
        #expect(TimeOfDay.midnight == (try TimeOfDay(hour: 0)))
        #expect(TimeOfDay.midnight < time)
        #expect((try TimeOfDay(hour: 2, minute: 5)).description == "02:05:00")
    }

    @Test func emptyStrategyListIsRejected() {
        let error = #expect(throws: RotationError.self) { try AnyOfRotation([]) }
        #expect(error?.code == .emptyStrategyList)
        #expect(error?.field == "strategies")
    }
}
