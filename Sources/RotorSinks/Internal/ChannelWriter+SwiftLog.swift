import RotorCore
import RotorFormatters

extension ChannelWriter {
    /// Formats the record a swift-log event makes into this thread's buffer and writes it, as
    /// ``log(_:)`` does a `LogRecord`.
    @inline(__always)
    func log(swiftLog record: SwiftLogEventRecord) {
        ThreadLocalBuffer.withBuffer { buffer in
            direct.format(swiftLog: record, into: &buffer)
            buffer.withUnsafeBytes { write($0, recordCount: 1) }
        }
    }
}
