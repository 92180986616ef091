// Custom conformances: a RotationStrategy that rotates every N records, and a RetentionPolicy
// that keeps one archive per past day. Run with `swift run CustomPoliciesExample [directory]`.
import Foundation
import Logging
import Rotor

let directory = CommandLine.arguments.dropFirst().first ?? "rotor-custom-example-logs"
try? FileManager.default.removeItem(atPath: directory)
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

// A manual clock lets the example cover three days in a moment.
let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_763_683_200))   // 2025-11-21T00:00:00Z
let sink = try RotatingFileSink(
    path: directory + "/app.log",
    formatter: JSONFormatter(fields: []),
    strategy: EveryNRecordsRotation(count: 100),
    retention: KeepNewestPerDayRetention(),
    options: FileSinkConfiguration(clock: clock))

for i in 0..<1_200 {
    sink.log(LogRecord(timestamp: clock.now(), level: .info, label: "example", message: "event \(i)"))
    clock.advance(by: .seconds(216))   // 400 records a day
}
sink.close()

let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
print("\(sink.statistics.rotations) rotations every 100 records; kept \(names.count - 1) archives (one per past day, all of today's):")
for name in names { print("  " + name) }
