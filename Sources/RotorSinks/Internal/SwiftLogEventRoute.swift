import RotorCore
import RotorFormatters

/// A child sink of a fan-out (``MultiplexSink``) or a route (``LevelRouterSink``), as a swift-log
/// event reaches it: found once, when the routing sink is made, so that each event is handed on
/// without a type check per record.
enum SwiftLogEventRoute: Sendable {
    /// A sink that takes the event as it is (``SwiftLogEventSink``).
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
        var built: LogRecord?
        for route in routes {
            switch route {
            case .event(let sink): sink.log(swiftLog: record)
            case .record(let sink):
                let logRecord = built ?? record.logRecord
                built = logRecord
                sink.log(logRecord)
            }
        }
    }
}
