import Logging
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

/// `LogSink.readsSource`: file, stream and async sinks answer from their formatter, routing sinks
/// from their destinations, and any other sink says `true`.
@Suite struct ReadsSourceTests {
    /// A sink that keeps nothing and says it reads the source or not, as told.
    final class DeclaringSink: LogSink {
        let readsSource: Bool
        init(readsSource: Bool) { self.readsSource = readsSource }
        func log(_ record: LogRecord) {}
        func flush() {}
        func close() {}
        var statistics: SinkStatistics { SinkCounters().snapshot() }
    }

    /// A sink that declares nothing.
    final class SilentSink: LogSink {
        func log(_ record: LogRecord) {}
        func flush() {}
        func close() {}
        var statistics: SinkStatistics { SinkCounters().snapshot() }
    }

    @Test func formattersSayWhetherTheyWriteTheSource() throws {
        #expect(JSONFormatter().writesSource)
        #expect(JSONFormatter(fields: [.source]).writesSource)
        #expect(!JSONFormatter(fields: []).writesSource)
        #expect(!JSONFormatter(fields: [.file, .function, .line]).writesSource)
        #expect(!TextFormatter().writesSource)
        #expect(try TextFormatter(pattern: "{message} ({source})").writesSource)
        #expect(try !TextFormatter(pattern: "{message} {file}:{line}").writesSource)
        #expect(PlainLineFormatter().writesSource)  // the protocol's default
    }

    @Test func fileStreamAndAsyncSinksAskTheirFormatter() throws {
        try withTemporaryDirectory { dir in
            let with = try FileSink(path: dir + "/with.log", formatter: JSONFormatter())
            let without = try FileSink(path: dir + "/without.log", formatter: JSONFormatter(fields: []))
            let rotating = try RotatingFileSink(
                path: dir + "/rotating.log", formatter: TextFormatter(), strategy: SizeRotation(maxBytes: 1 << 20))
            let async = try AsyncSink(wrapping: with)
            let asyncWithout = try AsyncSink(wrapping: without)
            defer { ([with, without, rotating, async, asyncWithout] as [any LogSink]).forEach { $0.close() } }
            #expect(with.readsSource)
            #expect(!without.readsSource)
            #expect(!rotating.readsSource)
            #expect(async.readsSource)  // it formats with the wrapped sink's formatter
            #expect(!asyncWithout.readsSource)
            #expect(!StreamSink(.standardError, formatter: TextFormatter()).readsSource)
        }
    }

    @Test func routingSinksReadTheSourceIfAnyDestinationDoes() throws {
        let no = DeclaringSink(readsSource: false)
        let yes = DeclaringSink(readsSource: true)
        #expect(!MultiplexSink([no, no]).readsSource)
        #expect(MultiplexSink([no, yes]).readsSource)
        #expect(try !LevelRouterSink([LevelRoute(.error, to: no), LevelRoute(.trace ... .info, to: no)]).readsSource)
        #expect(try LevelRouterSink([LevelRoute(.error, to: no), LevelRoute(.debug, to: yes)]).readsSource)
        #expect(SilentSink().readsSource)  // the protocol's default
        #expect(InMemorySink().readsSource)  // it keeps whole records
    }
}
