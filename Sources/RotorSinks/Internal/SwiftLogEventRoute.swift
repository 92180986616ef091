import RotorCore
import RotorFormatters

/// A child sink of a fan-out (``MultiplexSink``) or a route (``LevelRouterSink``), as a swift-log
/// event reaches it: whether it takes the event as it is (``SwiftLogEventSink``) is found once,
/// when the routing sink is made, not per record.
///
/// A struct with the sink twice rather than an enum: a `switch` over an enum binds (copies) the
/// sink, a retain and a release per record.
struct SwiftLogEventRoute: Sendable {
    /// The sink.
    let sink: any LogSink
    /// ``sink`` when it takes the event as it is; `nil` when it is given the event's `LogRecord`.
    let eventSink: (any SwiftLogEventSink)?
    /// Whether ``eventSink`` is set.
    let takesEvent: Bool

    /// Looks up how `sink` takes a swift-log event.
    init(_ sink: any LogSink) {
        self.sink = sink
        self.eventSink = sink as? any SwiftLogEventSink
        self.takesEvent = eventSink != nil
    }

    /// Hands the event's record to each of `routes`: the event itself to those that take it, one
    /// `LogRecord` (built at most once, on first need) to the others.
    @inline(__always)
    static func log(_ record: SwiftLogEventRecord, to routes: [SwiftLogEventRoute]) {
        routes.withUnsafeBufferPointer { log(record, to: $0) }
    }

    /// ``log(_:to:)-([SwiftLogEventRoute])`` for routes read in place.
    @inline(__always)
    static func log(_ record: SwiftLogEventRecord, to routes: UnsafeBufferPointer<SwiftLogEventRoute>) {
        for index in routes.indices {
            guard routes[index].takesEvent else {
                logRecord(record, to: routes, from: index)
                return
            }
            // Optional chaining calls the sink where it lies; `if let` would copy the existential.
            routes[index].eventSink?.log(swiftLog: record)
        }
    }

    /// ``log(_:to:)-(_,UnsafeBufferPointer<SwiftLogEventRoute>)`` from the first route that takes a
    /// `LogRecord` on: builds it once. (Out of line, so that the usual case carries no optional
    /// `LogRecord` to destroy: 60 instructions a record.)
    @inline(never)
    private static func logRecord(
        _ record: SwiftLogEventRecord, to routes: UnsafeBufferPointer<SwiftLogEventRoute>, from start: Int
    ) {
        let logRecord = record.logRecord
        for index in start..<routes.count {
            if routes[index].takesEvent {
                routes[index].eventSink?.log(swiftLog: record)
            } else {
                routes[index].sink.log(logRecord)
            }
        }
    }
}
