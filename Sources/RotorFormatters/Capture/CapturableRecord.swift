import Logging
import RotorCore

/// A record whose metadata and error are swift-log's own values, which ``CapturedLogRecord`` copies:
/// a ``RotorCore/LogRecord``, or a ``SwiftLogEventRecord`` read straight from a swift-log event.
protocol CapturableRecord: LogRecordView where Text == String {
    /// The metadata dictionary.
    var metadata: Logger.Metadata { get }
    /// The attached error, if any.
    var error: (any Error)? { get }
}

extension LogRecord: CapturableRecord {}

extension SwiftLogEventRecord: CapturableRecord {}
