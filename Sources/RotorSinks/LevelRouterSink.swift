import Logging
public import RotorCore
package import RotorFormatters
import Synchronization

/// A sink that sends each record to the routes whose levels include the record's level ("demux").
///
/// ```swift
/// let router = try LevelRouterSink([
///     LevelRoute(.trace ... .info, to: FileSink(path: "logs/app.log", formatter: JSONFormatter())),
///     LevelRoute(.warning ... .critical, to: FileSink(path: "logs/error.log", formatter: JSONFormatter())),
/// ])
/// ```
///
/// Ranges may overlap (a record then goes to every matching route). Routes whose sinks name the same
/// file share that file's one descriptor, counter and lock, so they rotate together. A record whose
/// level no route takes is counted under ``/RotorCore/SinkStatistics/DropCause/unrouted``; a record handed to at
/// least one route counts as written. Each route's sink keeps its own I/O counters.
public final class LevelRouterSink: LogSink, SwiftLogEventSink {
    /// The routes, in the order they were given.
    public let routes: [LevelRoute]
    /// The sinks of each level, one level after the other in `Logger.Level.allCases` order, with
    /// the ones that take a swift-log event as it is (see ``SwiftLogEventSink``) found once, not
    /// per record. (One flat array: an array of arrays would retain and release the level's
    /// array on every record.)
    private let table: [SwiftLogEventRoute]
    /// Where each level's sinks start in ``table`` (by `Logger.Level.position`), and where the
    /// last level's end.
    private let starts: [Int]
    /// Records handed to at least one route. (One relaxed atomic a record: the shared counters'
    /// `recordWritten` adds the bytes, zero here, with a second.)
    private let routed = Atomic<Int>(0)
    private let counters = SinkCounters()

    /// Creates a router.
    /// - Throws: ``SinkError`` `.invalidConfiguration` (field `routes`) if `routes` is empty.
    public init(_ routes: [LevelRoute]) throws {
        guard !routes.isEmpty else {
            throw SinkError(.invalidConfiguration, "a level router needs at least one route", field: "routes")
        }
        self.routes = routes
        var table: [SwiftLogEventRoute] = []
        var starts: [Int] = []
        for level in Logger.Level.allCases {
            starts.append(table.count)
            table += routes.filter { $0.levels.contains(level) }.map { SwiftLogEventRoute($0.sink) }
        }
        starts.append(table.count)
        self.table = table
        self.starts = starts
    }

    /// Sends `record` to every route that takes its level.
    public func log(_ record: LogRecord) {
        let handed = withRoutes(of: record.level) { routes in
            for index in routes.indices { routes[index].sink.log(record) }
        }
        count(handed)
    }

    /// Routes a swift-log event: sinks that take the event get it as it is (no `LogRecord` is
    /// built for them); the others get one `LogRecord`, built at most once.
    package func log(swiftLog record: SwiftLogEventRecord) {
        let handed = withRoutes(of: record.level) { SwiftLogEventRoute.log(record, to: $0) }
        count(handed)
    }

    /// Calls `body` with the routes of `level`, read in place, unless there are none; returns
    /// whether it was called.
    @inline(__always)
    private func withRoutes(
        of level: Logger.Level, _ body: (UnsafeBufferPointer<SwiftLogEventRoute>) -> Void
    ) -> Bool {
        let position = level.position
        return starts.withUnsafeBufferPointer { starts in
            let start = starts[position]
            let end = starts[position &+ 1]
            guard start < end else { return false }
            table.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            return true
        }
    }

    /// Counts a record handed on, or one no route took.
    @inline(__always)
    private func count(_ handed: Bool) {
        if handed {
            routed.wrappingAdd(1, ordering: .relaxed)
        } else {
            counters.recordDropped(.unrouted, bytes: 0)
        }
    }

    /// Flushes every distinct sink once.
    public func flush() {
        for sink in distinctSinks { sink.flush() }
    }

    /// Closes every distinct sink once.
    public func close() {
        for sink in distinctSinks { sink.close() }
    }

    /// Routing counters: records handed on, and records no route took.
    public var statistics: SinkStatistics {
        var statistics = counters.snapshot()
        statistics.recordsWritten += routed.load(ordering: .relaxed)
        return statistics
    }

    /// Whether the sink of any route reads the source.
    public var readsSource: Bool { routes.contains { $0.sink.readsSource } }

    var distinctSinks: [any LogSink] {
        var seen = Set<ObjectIdentifier>()
        return routes.map(\.sink).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
}
