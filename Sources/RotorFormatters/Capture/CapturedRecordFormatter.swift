package import RotorCore

/// A formatter that also formats a record from its capture (``CapturedLogRecord``) and straight
/// from a swift-log event (``SwiftLogEventRecord``), with the same bytes as from the record itself:
/// ``JSONFormatter`` and ``TextFormatter``, which are written once over ``LogRecordView``.
///
/// `AsyncSink` captures records on the producers' threads for such a formatter and formats the
/// captures on its writer thread; file sinks and `AsyncSink` format swift-log events with it
/// without building a ``RotorCore/LogRecord``.
package protocol CapturedRecordFormatter: LogFormatter, SwiftLogEventFormatter {
    /// The optional parts of a record the formatter writes (the others need not be captured).
    var capturedParts: CapturedLogRecord.Parts { get }

    /// Appends the captured record's bytes, ending with one `\n`, to `buffer`.
    ///
    /// A requirement of its own rather than a generic one, so that a call through
    /// `any CapturedRecordFormatter` runs code specialized for captures.
    func format(captured record: CapturedLogRecord, into buffer: inout LogBuffer)
}
