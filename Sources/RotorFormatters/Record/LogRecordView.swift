package import Logging
package import RotorCore

/// The fields of a record that the formatters read, whatever holds them: a
/// ``RotorCore/LogRecord``, or a ``CapturedLogRecord`` (the same record copied into bytes, which an
/// `AsyncSink` queues and formats on its writer thread).
///
/// ``JSONFormatter`` and ``TextFormatter`` are written once, generic over this protocol, so both
/// forms give the same bytes and each is formatted by code specialized for it.
package protocol LogRecordView {
    /// The type of the record's text.
    associatedtype Text: RecordText
    /// The type of the record's metadata.
    associatedtype Metadata: MetadataView where Metadata.Text == Text

    /// When the statement was made.
    var timestamp: LogTimestamp { get }
    /// The severity.
    var level: Logger.Level { get }
    /// The logger's label.
    var label: Text { get }
    /// The message.
    var message: Text { get }
    /// The emitting module (empty when it was not kept).
    var source: Text { get }
    /// The call site's file.
    var file: Text { get }
    /// The call site's function.
    var function: Text { get }
    /// The call site's line.
    var line: UInt { get }
    /// The top-level metadata dictionary.
    var metadataView: Metadata { get }
    /// The attached error's type (`String(reflecting: type(of: error))`), if there is an error.
    var errorType: Text? { get }
    /// The attached error's description (`String(describing: error)`), if there is an error.
    var errorDescription: Text? { get }
}
