@testable import CustomPoliciesExample
import Foundation
import Logging
import Rotor
import RotorTestKit
import Testing

@Suite struct CustomPoliciesTests {
    @Test func everyNRecordsRotationRotatesAfterExactlyNRecords() throws {
        try withTemporaryDirectory { dir in
            let sink = try RotatingFileSink(
                path: dir + "/app.log", formatter: JSONFormatter(fields: []),
                strategy: EveryNRecordsRotation(count: 10))
            for i in 0..<35 {
                sink.log(LogRecord(timestamp: .now(), level: .info, label: "t", message: "m\(i)"))
            }
            sink.close()
            let naming = TimestampArchiveNaming()
            let archives = try FileManager.default.contentsOfDirectory(atPath: dir)
                .filter { naming.parse(fileName: $0, base: "app.log") != nil }.sorted()
            #expect(archives.count == 3)
            for name in archives {
                let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
                #expect(text.split(separator: "\n").count == 10)
            }
            let active = try String(contentsOfFile: dir + "/app.log", encoding: .utf8)
            #expect(active.split(separator: "\n").count == 5)
        }
    }

    @Test func everyNRecordsRotationRejectsANonPositiveCount() {
        #expect(throws: RotationError.self) { try EveryNRecordsRotation(count: 0) }
    }

    @Test func keepNewestPerDayKeepsOneArchivePerPastDayAndAllOfToday() {
        let day: Int64 = 86_400_000
        let base: Int64 = 20_000 * day
        var generations: [ArchiveGeneration] = []
        for (offset, hour) in [(0, 1), (0, 5), (0, 9), (1, 2), (1, 3), (2, 4), (2, 8)] {
            let id = ArchiveID(millisecondsSinceEpoch: base + Int64(offset) * day + Int64(hour) * 3_600_000, sequence: 1)
            generations.append(ArchiveGeneration(id: id, files: [], bytes: 10))
        }
        let now = LogTimestamp(nanosecondsSinceEpoch: (base + 2 * day + 10 * 3_600_000) * 1_000_000)
        let expired = KeepNewestPerDayRetention().expired(generations, now: now)
        #expect(expired == [generations[0].id, generations[1].id, generations[3].id])
    }
}
