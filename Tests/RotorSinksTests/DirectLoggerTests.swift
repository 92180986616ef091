import Foundation
import Logging
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

@Suite struct DirectLoggerTests {
    private func objects(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func typedFieldsBecomeJSONNumbersStringsAndBooleansInCallOrder() throws {
        try withTemporaryDirectory { dir in
            let sink = try FileSink(path: dir + "/app.log", formatter: JSONFormatter())
            let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_763_735_422, nanoseconds: 123_456_000))
            let log = DirectLogger(label: "api", sink: sink, clock: clock)
            log.info("request handled") { fields in
                fields.int("user_id", 42)
                fields.string("path") {
                    $0.append("/api/v1/items/"); $0.append(7)
                }
                fields.double("latency_ms", 12.5)
                fields.bool("cached", true)
                fields.string("method", "GET")
                fields.string("note", "a \"quoted\"\nline\u{2028}")
            }
            log.debug("skipped: below the level")
            log.warning("no fields")
            sink.close()
            let text = try String(contentsOfFile: dir + "/app.log", encoding: .utf8)
            let lines = text.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(
                lines[0].hasPrefix(
                    #"{"timestamp":"2025-11-21T14:30:22.123456Z","level":"info","label":"api","message":"request handled","metadata":{"user_id":42,"path":"/api/v1/items/7","latency_ms":12.5,"cached":true,"method":"GET","note":"#
                ))
            let parsed = try objects(dir + "/app.log")
            let metadata = try #require(parsed[0]["metadata"] as? [String: Any])
            #expect(metadata["user_id"] as? Int == 42)
            #expect(metadata["latency_ms"] as? Double == 12.5)
            #expect(metadata["note"] as? String == "a \"quoted\"\nline\u{2028}")
            #expect(parsed[1]["metadata"] == nil)
            #expect(parsed[1]["message"] as? String == "no fields")
        }
    }

    @Test func flattenedPlacementPutsFieldsAtTheTopLevel() throws {
        try withTemporaryDirectory { dir in
            let sink = try FileSink(
                path: dir + "/app.log", formatter: JSONFormatter(fields: [], metadataPlacement: .flattened))
            let log = DirectLogger(label: "api", sink: sink)
            log.info("flat") {
                $0.int("thread", 3); $0.double("latency", .nan)
            }
            log.info("empty")
            sink.close()
            let parsed = try objects(dir + "/app.log")
            #expect(parsed[0]["thread"] as? Int == 3)
            #expect(parsed[0]["latency"] as? String == "NaN")
            #expect(parsed[1].keys.sorted() == ["label", "level", "message", "timestamp"])
        }
    }

    @Test func aFormatterWithoutADirectPathGetsTheFieldsAsMetadata() throws {
        let memory = InMemorySink()
        let file = try withTemporaryDirectory { dir -> [String] in
            let sink = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            DirectLogger(label: "t", sink: sink).info("plain") { $0.int("n", 1) }
            sink.close()
            return try lines(of: dir + "/app.log")
        }
        #expect(file == ["info plain"])
        let collected = RecordFields.metadata {
            $0.int("n", 1);
            $0.string("p") {
                $0.append("/x/"); $0.append(2)
            }
        }
        #expect(collected["n"]?.description == "1")
        #expect(collected["p"]?.description == "/x/2")
        memory.close()
    }

    @Test func directRecordsGoThroughAsyncAndRotatingSinks() throws {
        try withTemporaryDirectory { dir in
            let file = try RotatingFileSink(
                path: dir + "/app.log", formatter: JSONFormatter(fields: []),
                strategy: SizeRotation(maxBytes: 4_096))
            let sink = try AsyncSink(wrapping: file)
            let log = DirectLogger(label: "bench", sink: sink)
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                for i in 0..<2_000 {
                    log.info("request handled") {
                        $0.int("thread", t); $0.int("seq", i)
                    }
                }
            }
            sink.close()
            var seen = [Set<Int>(), Set<Int>()]
            for name in try archiveNames(in: dir) + ["app.log"] {
                let size = try fileSize(dir + "/" + name)
                let count = try lines(of: dir + "/" + name).count
                #expect(size <= 4_096 || count == 1, "\(name): \(size) bytes, \(count) lines")
                for object in try objects(dir + "/" + name) {
                    let metadata = try #require(object["metadata"] as? [String: Any])
                    let t = try #require(metadata["thread"] as? Int), s = try #require(metadata["seq"] as? Int)
                    #expect(seen[t].insert(s).inserted)
                }
            }
            #expect(seen.map(\.count) == [2_000, 2_000])
        }
    }
}
