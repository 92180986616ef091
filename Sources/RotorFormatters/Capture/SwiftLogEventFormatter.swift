package import RotorCore

/// A formatter that formats the record a swift-log event makes straight from the event
/// (``SwiftLogEventRecord``), with the bytes it writes for the ``RotorCore/LogRecord``:
/// ``JSONFormatter`` and ``TextFormatter`` (through ``CapturedRecordFormatter``).
package protocol SwiftLogEventFormatter: Sendable {
    /// Appends the bytes of the record a swift-log event makes, ending with one `\n`, to `buffer`:
    /// the bytes ``RotorCore/LogFormatter/format(_:into:)`` writes for
    /// ``SwiftLogEventRecord/logRecord``.
    func format(swiftLog record: SwiftLogEventRecord, into buffer: inout LogBuffer)
}
