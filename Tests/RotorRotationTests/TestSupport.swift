import Foundation
import RotorCore
import RotorRotation
import RotorTestKit

/// The instant written as ISO 8601 with an explicit offset, e.g. `"2026-03-29T03:30:00+02:00"`,
/// plus `nanoseconds`.
func instant(_ iso: String, nanoseconds: Int64 = 0) -> LogTimestamp {
    let date = withFoundationDateLock { () -> Date? in
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: iso)
    }
    guard let date else { fatalError("bad ISO 8601 literal \(iso)") }
    return LogTimestamp(secondsSinceEpoch: Int64(date.timeIntervalSince1970), nanoseconds: nanoseconds)
}

func zone(_ identifier: String) -> TimeZone {
    guard let zone = withFoundationDateLock({ TimeZone(identifier: identifier) }) else {
        fatalError("unknown zone \(identifier)")
    }
    return zone
}

/// The UTC offset of `zone` at a whole second, straight from Foundation (the test oracle).
func offset(_ zone: TimeZone, at second: Int64) -> Int64 {
    Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second))))
}

/// Drives a strategy exactly as the rotating file sink does (its documented contract), without
/// files: checks `shouldRotate` before every write, never archives an empty file, starts the new
/// period at the rotation's `now` and caches the deadline.
struct SinkSimulator {
    let strategy: any RotationStrategy
    private(set) var state: ActiveFileState
    /// The records (by timestamp) of every archived file, oldest first.
    private(set) var archives: [[LogTimestamp]] = []
    /// The records of the active file.
    private(set) var active: [LogTimestamp] = []
    /// When each rotation happened.
    private(set) var rotationTimes: [LogTimestamp] = []

    init(strategy: any RotationStrategy, openedAt now: LogTimestamp) {
        self.strategy = strategy
        state = ActiveFileState(periodStart: now, deadline: strategy.deadline(forPeriodStartingAt: now))
    }

    mutating func write(bytes: Int = 10, at now: LogTimestamp) {
        if strategy.shouldRotate(state, incomingBytes: bytes, now: now) {
            if state.bytes > 0 {
                archives.append(active)
                rotationTimes.append(now)
                active = []
            }
            state = ActiveFileState(periodStart: now, deadline: strategy.deadline(forPeriodStartingAt: now))
        }
        state.bytes += Int64(bytes)
        state.records += 1
        if state.firstRecordAt == nil { state.firstRecordAt = now }
        active.append(now)
    }
}
