import RotorCore

/// A wall-clock time of day (hour, minute, second) at which a daily ``TimeRotation`` fires.
///
/// The value is validated when it is created, so a ``TimeRotation`` built from it cannot fail.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The hour, `0...23`.
    public let hour: Int
    /// The minute, `0...59`.
    public let minute: Int
    /// The second, `0...59` (leap seconds are not supported).
    public let second: Int

    /// 00:00:00, the default daily rotation time.
    public static let midnight = TimeOfDay(uncheckedHour: 0, minute: 0, second: 0)

    /// Creates a time of day.
    ///
    /// - Parameters:
    ///   - hour: The hour, `0...23`.
    ///   - minute: The minute, `0...59`.
    ///   - second: The second, `0...59`.
    /// - Throws: ``RotationError`` with code `.invalidTimeOfDay` and field `"hour"`, `"minute"` or
    ///   `"second"` naming the first value out of range.
    public init(hour: Int, minute: Int = 0, second: Int = 0) throws {
        guard (0...23).contains(hour) else {
            throw RotationError(.invalidTimeOfDay, "hour must be in 0...23, got \(hour)", field: "hour")
        }
        guard (0...59).contains(minute) else {
            throw RotationError(.invalidTimeOfDay, "minute must be in 0...59, got \(minute)", field: "minute")
        }
        guard (0...59).contains(second) else {
            throw RotationError(.invalidTimeOfDay, "second must be in 0...59, got \(second)", field: "second")
        }
        self.init(uncheckedHour: hour, minute: minute, second: second)
    }

    private init(uncheckedHour hour: Int, minute: Int, second: Int) {
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since the start of the (wall-clock) day, `0..<86_400`.
    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }

    /// `HH:MM:SS`, zero-padded.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(hour)):\(two(minute)):\(two(second))"
    }
}
