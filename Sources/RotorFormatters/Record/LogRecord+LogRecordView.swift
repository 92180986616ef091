public import RotorCore

extension LogRecord: LogRecordView {
    /// The metadata, read through ``SwiftLogMetadata``.
    package var metadataView: SwiftLogMetadata { .dictionary(metadata) }

    /// `String(reflecting: type(of: error))`, when the record has an error.
    package var errorType: String? { error.map { String(reflecting: type(of: $0)) } }

    /// `String(describing: error)`, when the record has an error.
    package var errorDescription: String? { error.map { String(describing: $0) } }
}
