import Logging
import RotorCore
import RotorLogging
import RotorTestKit
import Testing

// `RotorLoggingSystem.bootstrap` is deliberately not called here: swift-log allows one bootstrap
// per process. The factory it installs is the one tested below.
@Suite struct RotorLoggingSystemTests {
    @Test func factoryBuildsHandlersWithTheGivenSettings() throws {
        let sink = InMemorySink()
        let clock = ManualClock(LogTimestamp(secondsSinceEpoch: 1_000))
        let factory = RotorLoggingSystem.makeFactory(
            sink: sink,
            logLevel: .debug,
            metadataProvider: Logger.MetadataProvider { ["region": "eu"] },
            clock: clock
        )
        let logger = Logger(label: "svc", factory: factory)

        #expect(logger.logLevel == .debug)
        logger.trace("filtered")
        logger.debug("kept")

        let record = try #require(sink.records.first)
        #expect(sink.count == 1)
        #expect(record.label == "svc")
        #expect(record.level == .debug)
        #expect(record.metadata == ["region": "eu"])
        #expect(record.timestamp == LogTimestamp(secondsSinceEpoch: 1_000))
    }

    @Test func factoryDefaultsToInfoWithoutProvider() throws {
        let sink = InMemorySink()
        let handler = RotorLoggingSystem.makeFactory(sink: sink)("plain")
        #expect(handler.logLevel == .info)
        #expect(handler.metadataProvider == nil)
        #expect(handler.metadata.isEmpty)
    }

    @Test func handlersFromOneFactoryShareTheSink() throws {
        let sink = InMemorySink()
        let factory = RotorLoggingSystem.makeFactory(sink: sink)
        let first = Logger(label: "first", factory: factory)
        var second = Logger(label: "second", factory: factory)
        second.logLevel = .critical

        first.info("one")
        second.info("filtered by second only")
        second.critical("two")

        #expect(sink.records.map(\.label) == ["first", "second"])
        #expect(first.logLevel == .info)
    }
}
