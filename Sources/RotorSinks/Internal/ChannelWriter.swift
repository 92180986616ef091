import Logging
import RotorCore
import RotorFormatters
import Synchronization

/// The part of a file sink that is the same for plain and rotating files: format outside the
/// lock into a per-thread buffer, hand the bytes to the shared channel, let go of it once.
final class ChannelWriter: Sendable {
    let channel: FileChannel
    let direct: DirectFormatting
    private let closed = Atomic<Bool>(false)

    /// Whether ``close()`` has run (a relaxed read: a record racing a close is either written or
    /// counted as dropped).
    @inline(__always)
    var isClosed: Bool { closed.load(ordering: .relaxed) }

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
        if !closed.load(ordering: .acquiring) { FileChannelRegistry.shared.release(channel) }
    }

    @inline(__always)
    func log(_ record: LogRecord) {
        ThreadLocalBuffer.withBuffer { buffer in
            direct.formatter.format(record, into: &buffer)
            buffer.withUnsafeBytes { write($0, recordCount: 1) }
        }
    }

    /// A direct record with the timestamp its logger gave; the channel reads its own clock.
    @inline(__always)
    func log(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        fields: (inout RecordFields) -> Void
    ) {
        log(level: level, label: label, message: message, timestamp: timestamp, stamped: nil, fields: fields)
    }

    /// A direct record timestamped by the channel's clock: the one reading serves the record
    /// and the channel's checks.
    @inline(__always)
    func log(level: Logger.Level, label: String, message: StaticString, fields: (inout RecordFields) -> Void) {
        let now = channel.readClock()
        log(level: level, label: label, message: message, timestamp: now, stamped: now, fields: fields)
    }

    /// Formats a direct record into this thread's buffer and writes it; `stamped` is the
    /// channel's clock reading, when `timestamp` is one.
    @inline(__always)
    private func log(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp, stamped: LogTimestamp?,
        fields: (inout RecordFields) -> Void
    ) {
        ThreadLocalBuffer.withBuffer { buffer in
            direct.format(
                level: level, label: label, message: message, timestamp: timestamp, into: &buffer, fields: fields)
            buffer.withUnsafeBytes { write($0, recordCount: 1, at: stamped) }
        }
    }

    /// Hands whole lines to the channel, or counts them as dropped once closed. `now` is the
    /// channel's clock reading the lines were stamped with, if any (see `FileChannel.write`).
    @inline(__always)
    func write(_ bytes: UnsafeRawBufferPointer, recordCount: Int, at now: LogTimestamp? = nil) {
        if isClosed {
            channel.counters.recordDropped(.closed, records: recordCount, bytes: bytes.count)
            return
        }
        channel.write(bytes, records: recordCount, at: now)
    }

    func flush() {
        guard !isClosed else { return }
        channel.flush()
    }

    func close() {
        guard closed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        channel.flush()
        FileChannelRegistry.shared.release(channel)
    }

    var isOpen: Bool { !isClosed }
}
