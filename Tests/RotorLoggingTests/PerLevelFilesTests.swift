import Foundation
import Logging
import RotorCore
import RotorLogging
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

@Suite struct PerLevelFilesTests {
    @Test func aLoggerWritesEachLevelToItsOwnRotatingFile() throws {
        try withTemporaryDirectory { dir in
            let router = try RotorLoggingSystem.makePerLevelFiles(
                in: dir + "/logs", levels: .info ... .error, strategy: SizeRotation(maxBytes: 4_096))
            let logger = Logger(
                label: "per-level", factory: RotorLoggingSystem.makeFactory(sink: router, logLevel: .trace))
            for i in 0..<100 {
                logger.info("served", metadata: ["request": "\(i)"])
                if i % 10 == 0 { logger.error("failed", metadata: ["request": "\(i)"]) }
                logger.debug("not routed")
            }
            router.close()
            let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/logs")
            let infoFiles = names.filter { $0.hasPrefix("app_info") && $0.hasSuffix(".log") }
            #expect(infoFiles.count > 1)  // 100 JSON lines exceed 4 KiB: rotated at least once
            var infoLines: [[String: Any]] = []
            for name in infoFiles.sorted() where name != "app_info.log" {
                infoLines += try readJSONLines(dir + "/logs/" + name)
            }
            infoLines += try readJSONLines(dir + "/logs/app_info.log")
            #expect(infoLines.count == 100)
            #expect(infoLines.allSatisfy { $0["level"] as? String == "info" })
            let requests = infoLines.compactMap { ($0["metadata"] as? [String: Any])?["request"] as? String }
            #expect(requests == (0..<100).map(String.init))
            #expect(try readJSONLines(dir + "/logs/app_error.log").count == 10)
            #expect(router.statistics.recordsDropped[.unrouted] == 100)
        }
    }

    private func readJSONLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }
}
