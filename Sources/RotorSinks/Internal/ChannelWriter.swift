import Logging
import RotorCore
import RotorFormatters
import Synchronization

/// The part of a file sink that is the same for plain and rotating files: format outside the
/// lock into a per-thread buffer, hand the bytes to the shared channel, let go of it once.
final class ChannelWriter: Sendable {
    let channel: FileChannel
    let direct: DirectFormatting
    private let isClosed = Atomic<Bool>(false)

    init(
        path: String, formatter: any LogFormatter, options: FileSinkConfiguration, rotation: RotationSettings?
    ) throws {
        let resolved = try ResolvedFilePath.resolve(path, createDirectories: options.createDirectories)
        if let rotation {
            try rotation.validate(for: resolved)
            if rotation.options.sharedAcrossProcesses, options.bufferCapacity > 0 {
                throw SinkError(
                    .invalidConfiguration,
                    "a log shared across processes writes every record under a lock, so it cannot be buffered "
                        + "(bufferCapacity \(options.bufferCapacity)); set bufferCapacity to 0",
                    field: "bufferCapacity", path: path)
            }
        }
        self.direct = DirectFormatting(formatter)
        self.channel = try FileChannelRegistry.shared.acquire(
            resolved,
            configuration: FileChannelConfiguration(
                permissions: options.permissions, rotation: rotation, bufferCapacity: max(0, options.bufferCapacity)),
            options: options)
    }

    deinit {
        if !isClosed.load(ordering: .acquiring) { FileChannelRegistry.shared.release(channel) }
    }

    @inline(__always)
    func log(_ record: LogRecord) {
        ThreadLocalBuffer.withBuffer { buffer in
            direct.formatter.format(record, into: &buffer)
            buffer.withUnsafeBytes { write($0, recordCount: 1) }
        }
    }

    @inline(__always)
    func log(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        fields: (inout RecordFields) -> Void
    ) {
        ThreadLocalBuffer.withBuffer { buffer in
            direct.format(
                level: level, label: label, message: message, timestamp: timestamp, into: &buffer, fields: fields)
            buffer.withUnsafeBytes { write($0, recordCount: 1) }
        }
    }

    /// A direct record timestamped by the channel's clock: the one reading serves the record
    /// and the channel's checks.
    @inline(__always)
    func log(level: Logger.Level, label: String, message: StaticString, fields: (inout RecordFields) -> Void) {
        let now = channel.readClock()
        ThreadLocalBuffer.withBuffer { buffer in
            direct.format(level: level, label: label, message: message, timestamp: now, into: &buffer, fields: fields)
            buffer.withUnsafeBytes { bytes in
                if isClosed.load(ordering: .relaxed) {
                    channel.counters.recordDropped(.closed, records: 1, bytes: bytes.count)
                } else {
                    channel.write(bytes, records: 1, at: now)
                }
            }
        }
    }

    @inline(__always)
    func write(_ bytes: UnsafeRawBufferPointer, recordCount: Int) {
        if isClosed.load(ordering: .relaxed) {
            channel.counters.recordDropped(.closed, records: recordCount, bytes: bytes.count)
            return
        }
        channel.write(bytes, records: recordCount)
    }

    func flush() {
        guard !isClosed.load(ordering: .relaxed) else { return }
        channel.flush()
    }

    func close() {
        guard isClosed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        channel.flush()
        FileChannelRegistry.shared.release(channel)
    }

    var isOpen: Bool { !isClosed.load(ordering: .relaxed) }
}
