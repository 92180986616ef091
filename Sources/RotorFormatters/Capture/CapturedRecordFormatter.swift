package import RotorCore

/// A formatter that can also format a record from its capture (``CapturedLogRecord``), with the
/// same bytes as from the record itself.
///
/// ``AsyncSink`` captures records on the producers' threads for such a formatter, when
/// ``formatsCaptures`` is `true`, and queues other records as they are.
package protocol CapturedRecordFormatter: LogFormatter {
    /// Whether ``format(captured:into:)`` writes what ``LogFormatter/format(_:into:)`` would for
    /// every record this formatter's configuration can meet.
    var formatsCaptures: Bool { get }

    /// The optional parts of a record the formatter writes (the others need not be captured).
    var capturedParts: CapturedLogRecord.Parts { get }

    /// Appends the captured record's bytes, ending with one `\n`, to `buffer`.
    func format(captured record: CapturedLogRecord, into buffer: inout LogBuffer)
}
