import Logging
public import RotorCore
package import RotorFormatters

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
    /// The sinks of each level (by `Logger.Level.position`), with the ones that take a
    /// swift-log event as it is (see ``SwiftLogEventSink``) found once, not per record.
    private let table: [[SwiftLogEventRoute]]
    private let counters = SinkCounters()

    /// Creates a router.
    /// - Throws: ``SinkError`` `.invalidConfiguration` (field `routes`) if `routes` is empty.
    public init(_ routes: [LevelRoute]) throws {
        guard !routes.isEmpty else {
            throw SinkError(.invalidConfiguration, "a level router needs at least one route", field: "routes")
        }
        self.routes = routes
        self.table = Logger.Level.allCases.map { level in
            routes.filter { $0.levels.contains(level) }.map { SwiftLogEventRoute($0.sink) }
        }
    }

    /// Sends `record` to every route that takes its level.
    public func log(_ record: LogRecord) {
        let sinks = table[record.level.position]
        guard !sinks.isEmpty else {
            counters.recordDropped(.unrouted, bytes: 0)
            return
        }
        for route in sinks { route.sink.log(record) }
        counters.recordWritten(bytes: 0)
    }

    /// Routes a swift-log event: sinks that take the event get it as it is (no `LogRecord` is
    /// built for them); the others get one `LogRecord`, built at most once.
    package func log(swiftLog record: SwiftLogEventRecord) {
        let routes = table[record.level.position]
        guard !routes.isEmpty else {
            counters.recordDropped(.unrouted, bytes: 0)
            return
        }
        SwiftLogEventRoute.log(record, to: routes)
        counters.recordWritten(bytes: 0)
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
    public var statistics: SinkStatistics { counters.snapshot() }

    /// Whether the sink of any route reads the source.
    public var readsSource: Bool { routes.contains { $0.sink.readsSource } }

    var distinctSinks: [any LogSink] {
        var seen = Set<ObjectIdentifier>()
        return routes.map(\.sink).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
}
