import RotorCore
import RotorFormatters

/// A child sink of a fan-out (``MultiplexSink``) or a route (``LevelRouterSink``), as a swift-log
/// event reaches it: whether it takes the event as it is (``SwiftLogEventSink``) is found once,
/// when the routing sink is made, not per record.
enum SwiftLogEventRoute: Sendable {
    /// A sink that takes the event as it is.
    case event(any SwiftLogEventSink)
    /// Any other sink: it is given the event's `LogRecord`.
    case record(any LogSink)

    /// The sink.
    var sink: any LogSink {
        switch self {
        case .event(let sink): sink
        case .record(let sink): sink
        }
    }

    /// Looks up how `sink` takes a swift-log event.
    init(_ sink: any LogSink) {
        if let eventSink = sink as? any SwiftLogEventSink { self = .event(eventSink) } else { self = .record(sink) }
    }

    /// Hands the event's record to each of `routes`: the event itself to those that take it, one
    /// `LogRecord` (built at most once, on first need) to the others.
    @inline(__always)
    static func log(_ record: SwiftLogEventRecord, to routes: [SwiftLogEventRoute]) {
        routes.withUnsafeBufferPointer { routes in
            for index in routes.indices {
                switch routes[index] {
                case .event(let sink): sink.log(swiftLog: record)
                case .record:
                    logRecord(record, to: routes, from: index)
                    return
                }
            }
        }
    }

    /// ``log(_:to:)`` from the first route that takes a `LogRecord` on: builds it once. (Out of
    /// line, so that the usual case carries no optional `LogRecord` to destroy: 60 instructions
    /// a record.)
    @inline(never)
    private static func logRecord(
        _ record: SwiftLogEventRecord, to routes: UnsafeBufferPointer<SwiftLogEventRoute>, from start: Int
    ) {
        let logRecord = record.logRecord
        for index in start..<routes.count {
            switch routes[index] {
            case .event(let sink): sink.log(swiftLog: record)
            case .record(let sink): sink.log(logRecord)
            }
        }
    }
}
