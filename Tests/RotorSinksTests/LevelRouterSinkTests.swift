import Foundation
import Logging
import RotorCore
import RotorSinks
import RotorTestKit
import Testing

@Suite struct LevelRouterSinkTests {
    @Test func routesLevelRangesToTheirFiles() throws {
        try withTemporaryDirectory { dir in
            let router = try LevelRouterSink([
                LevelRoute(.trace ... .info, to: FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())),
                LevelRoute(
                    .warning ... .critical, to: FileSink(path: dir + "/error.log", formatter: PlainLineFormatter())),
            ])
            for level in Logger.Level.allCases { router.log(record("m", level: level)) }
            router.close()
            #expect(try lines(of: dir + "/app.log") == ["trace m", "debug m", "info m"])
            #expect(try lines(of: dir + "/error.log") == ["warning m", "error m", "critical m"])
            // .notice falls between the two ranges.
            #expect(router.statistics.recordsWritten == 6)
            #expect(router.statistics.recordsDropped[.unrouted] == 1)
        }
    }

    @Test func countsRecordsThatNoRouteTakes() throws {
        try withTemporaryDirectory { dir in
            let router = try LevelRouterSink([
                LevelRoute(.error, to: FileSink(path: dir + "/error.log", formatter: PlainLineFormatter()))
            ])
            router.log(record("dropped", level: .info))
            router.log(record("kept", level: .error))
            router.close()
            #expect(router.statistics.recordsDropped[.unrouted] == 1)
            #expect(router.statistics.recordsWritten == 1)
            #expect(try lines(of: dir + "/error.log") == ["error kept"])
        }
    }

    @Test func emptyRouteListThrows() {
        #expect(throws: SinkError.self) { try LevelRouterSink([]) }
    }

    @Test func filePerLevelLayoutMakesOneFilePerLevel() throws {
        try withTemporaryDirectory { dir in
            let router = try LevelRouterSink.files(in: dir, baseName: "app", levels: .info ... .error) { path in
                try FileSink(path: path, formatter: PlainLineFormatter())
            }
            for level in Logger.Level.allCases { router.log(record("m", level: level)) }
            router.close()
            let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            #expect(names == ["app_error.log", "app_info.log", "app_notice.log", "app_warning.log"])
            #expect(try lines(of: dir + "/app_warning.log") == ["warning m"])
            #expect(router.statistics.recordsDropped[.unrouted] == 3)
        }
    }

    @Test func singleFileLayoutSharesOneDescriptorAcrossLevels() throws {
        try withTemporaryDirectory { dir in
            let router = try LevelRouterSink.files(in: dir, layout: .singleFile) { path in
                try FileSink(path: path, formatter: PlainLineFormatter())
            }
            #expect(router.routes.count == 7)
            let canonical = try #require((router.routes.first?.sink as? FileSink)?.canonicalPath)
            #expect(try openDescriptorCount(for: canonical) == 1)
            DispatchQueue.concurrentPerform(iterations: 7) { i in
                let level = Logger.Level.allCases[i]
                for n in 0..<500 { router.log(record("\(n)", level: level)) }
            }
            router.close()
            #expect(try openDescriptorCount(for: canonical) == 0)
            let all = try lines(of: dir + "/app.log")
            #expect(all.count == 3_500)
            for level in Logger.Level.allCases {
                let mine = all.filter { $0.hasPrefix(level.rawValue + " ") }.map { Int($0.split(separator: " ")[1])! }
                #expect(mine == Array(0..<500))
            }
        }
    }

    @Test func multiplexSinkFansOutToEverySink() throws {
        try withTemporaryDirectory { dir in
            let fan = MultiplexSink([
                try FileSink(path: dir + "/a.log", formatter: PlainLineFormatter()),
                try FileSink(path: dir + "/b.log", formatter: PlainLineFormatter()),
            ])
            fan.log(record("x"))
            fan.close()
            #expect(try lines(of: dir + "/a.log") == ["info x"])
            #expect(try lines(of: dir + "/b.log") == ["info x"])
            #expect(fan.statistics.recordsWritten == 1)
        }
    }
}
