import RotorCore
import RotorFormatters

extension ChannelWriter {
    /// Formats the record a swift-log event makes into this thread's buffer and writes it, as
    /// ``log(_:)`` does a `LogRecord`.
    @inline(__always)
    func log(swiftLog record: SwiftLogEventRecord) {
        // A timestamp read from the system clock, for a channel on the system clock, is the time
        // of the write: the channel does not read the clock again.
        let stamped = record.isSystemTime && channel.clockIsSystemClock ? record.timestamp : nil
        ThreadLocalBuffer.withBuffer { buffer in
            direct.format(swiftLog: record, into: &buffer)
            buffer.withUnsafeBytes { write($0, recordCount: 1, at: stamped) }
        }
    }
}
