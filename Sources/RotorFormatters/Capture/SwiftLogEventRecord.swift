package import Logging
package import RotorCore

/// A record read straight from a swift-log `LogEvent` and the handler that received it, without
/// building a ``RotorCore/LogRecord``.
///
/// `RotorLogHandler` makes one per event, with ``withRecord(of:label:timestamp:isSystemTime:metadata:readsSource:_:)``,
/// for a sink that formats it in place (`FileSink`, `RotatingFileSink`, `AsyncSink`). It holds
/// what the handler adds (label, timestamp, the metadata merged with swift-log's precedence) and
/// reads everything else from the event where it lies: a field is copied only if the formatter
/// asks for it, and the record is never copied or destroyed as a whole. (A `LogRecord` copied every
/// field, went through an initializer across modules, a copy and two destructions.)
///
/// It points into the event, the handler's label and the metadata, so it is valid only inside the
/// body it is given to: format it or capture it there, never keep it. Nothing in it is retained:
/// the label and the metadata are read where the handler holds them.
///
/// ``JSONFormatter`` and ``TextFormatter`` format it (``SwiftLogEventFormatter``) with the code that
/// formats a `LogRecord`, so the bytes are the record's.
package struct SwiftLogEventRecord: LogRecordView {
    /// When the handler received the event.
    package let timestamp: LogTimestamp
    /// Whether ``timestamp`` was read from the system clock: a file sink whose own clock is the
    /// system clock then takes it as the time of the write, instead of reading the clock again.
    package let isSystemTime: Bool
    /// The handler's label, borrowed for the record's short life.
    private let labelAddress: UnsafePointer<String>
    /// The merged metadata, borrowed for the record's short life.
    let metadataAddress: UnsafePointer<Logger.Metadata>
    /// The metadata's `startIndex`, found where the dictionary is held as a value: read through
    /// ``metadataAddress``, it would be retained around that call into the standard library.
    let metadataStart: Logger.Metadata.Index
    /// The event, borrowed for the record's short life.
    private let event: UnsafePointer<LogEvent>
    /// Whether ``source`` is worked out or left empty.
    private let readsSource: Bool

    /// Calls `body` with the record a handler labelled `label` makes of `event` at `timestamp`.
    ///
    /// - Parameters:
    ///   - event: The swift-log event.
    ///   - label: The handler's label.
    ///   - timestamp: When the handler received the event.
    ///   - isSystemTime: Whether `timestamp` was read from the system clock.
    ///   - metadata: The event's metadata merged with the handler's and the provider's.
    ///   - readsSource: Whether ``source`` is the event's (a scan of the file name and a new string
    ///     when the call site gave none) or empty, for a sink that never reads it.
    ///   - body: Formats or captures the record; it must not keep it.
    package static func withRecord(
        of event: borrowing LogEvent, label: borrowing String, timestamp: LogTimestamp, isSystemTime: Bool = false,
        metadata: borrowing Logger.Metadata, readsSource: Bool, _ body: (borrowing SwiftLogEventRecord) -> Void
    ) {
        // Each piece is borrowed where it lies (no retain); not generic, so that
        // `withUnsafePointer` is specialized here: a generic function is not specialized across
        // modules.
        let start = metadata.startIndex
        withUnsafePointer(to: label) { label in
            withUnsafePointer(to: metadata) { metadata in
                withUnsafePointer(to: event) { event in
                    body(
                        SwiftLogEventRecord(
                            timestamp: timestamp, isSystemTime: isSystemTime, labelAddress: label,
                            metadataAddress: metadata, metadataStart: start, event: event,
                            readsSource: readsSource))
                }
            }
        }
    }

    private init(
        timestamp: LogTimestamp, isSystemTime: Bool, labelAddress: UnsafePointer<String>,
        metadataAddress: UnsafePointer<Logger.Metadata>, metadataStart: Logger.Metadata.Index,
        event: UnsafePointer<LogEvent>, readsSource: Bool
    ) {
        self.timestamp = timestamp
        self.isSystemTime = isSystemTime
        self.labelAddress = labelAddress
        self.metadataAddress = metadataAddress
        self.metadataStart = metadataStart
        self.event = event
        self.readsSource = readsSource
    }

    /// The handler's label.
    package var label: String {
        unsafeAddress { labelAddress }
    }

    /// The handler's metadata, then the provider's, then the event's (later wins on equal keys).
    package var metadata: Logger.Metadata {
        unsafeAddress { metadataAddress }
    }

    /// The severity.
    package var level: Logger.Level { event.pointee.level }
    /// The message.
    package var message: String { event.pointee.message.description }
    /// The event's source (the module swift-log derives from the file when the call site gave
    /// none), or empty when the sink never reads it.
    package var source: String { readsSource ? event.pointee.source : "" }
    /// The call site's file.
    package var file: String { event.pointee.file }
    /// The call site's function.
    package var function: String { event.pointee.function }
    /// The call site's line.
    package var line: UInt { event.pointee.line }
    /// The event's error, if any.
    package var error: (any Error)? { event.pointee.error }

    /// Whether the event has an error.
    package var hasError: Bool { event.pointee.error != nil }

    /// The same record as a ``RotorCore/LogRecord``, for a sink or formatter that takes only those.
    package var logRecord: LogRecord {
        LogRecord(
            timestamp: timestamp, level: level, label: label, message: message, metadata: metadata, source: source,
            file: file, function: function, line: line, error: error)
    }

    /// The metadata, read through ``SwiftLogMetadata``.
    package var metadataView: SwiftLogMetadata { .dictionary(metadata) }

    /// `String(reflecting: type(of: error))`, when the event has an error (as for a `LogRecord`).
    package var errorType: String? { event.pointee.error.map { String(reflecting: type(of: $0)) } }

    /// `String(describing: error)`, when the event has an error (as for a `LogRecord`).
    package var errorDescription: String? { event.pointee.error.map { String(describing: $0) } }
}
