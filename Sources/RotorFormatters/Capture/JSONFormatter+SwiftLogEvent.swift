package import RotorCore

extension JSONFormatter {
    /// Appends the record a swift-log event makes as one JSON object followed by `\n`: the bytes
    /// ``format(_:into:)`` writes for ``SwiftLogEventRecord/logRecord``.
    package func format(swiftLog record: SwiftLogEventRecord, into buffer: inout LogBuffer) {
        format(view: record, into: &buffer)
    }
}
