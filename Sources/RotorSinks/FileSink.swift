public import Logging
public import RotorCore
public import RotorFormatters

/// A sink that appends formatted records to one file, without rotation.
///
/// The file is opened with `O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC`; each record is formatted
/// outside any lock into a per-thread buffer and written whole with `write(2)` (looping over
/// `EINTR` and partial writes). Writes go straight to the kernel: there is no user-space buffer, so
/// a record whose ``log(_:)`` returned survives the process being killed.
///
/// ### One file, one writer
/// Every `FileSink` (and every rotating sink or level route) that names the same file — after
/// resolving `.`, `..` and symlinks — shares one descriptor, one byte counter and one lock. Two sinks
/// on one path therefore produce one file of whole, interleaved lines. If their file settings
/// (``FileSinkConfiguration/permissions``) differ, the second initialiser throws
/// ``SinkError`` `.conflictingConfiguration`. Statistics are per file and shared too.
///
/// ### Faults
/// A failed write (disk full, I/O error) never throws: the record is counted as dropped
/// (``/RotorCore/SinkStatistics/DropCause/writeFailure``), the fault is reported once to the failure handler,
/// and writing is retried with exponential backoff (1 ms doubling to 1 s, on
/// ``FileSinkConfiguration/retryClock``) until it works again, when a recovery is reported. A transient
/// `EIO` is retried at once first. If a write fails part-way, the rest of that line is written
/// first once the fault clears, so the line is completed rather than torn (a plain file is never
/// cut back: other processes may be appending to it; a ``RotatingFileSink`` cuts the fragment off).
public final class FileSink: FormattedLogSink, TypedLogSink, SwiftLogEventSink {
    /// The path as given to the initialiser.
    public let path: String
    private let writer: ChannelWriter

    /// Opens (or creates) a log file.
    ///
    /// - Parameters:
    ///   - path: The file to append to. Its directory must exist unless
    ///     ``FileSinkConfiguration/createDirectories`` is set.
    ///   - formatter: How records become lines.
    ///   - options: File settings, clock and failure handler.
    /// - Throws: ``SinkError`` — `.invalidPath` (empty, NUL byte, name over 255 bytes),
    ///   `.pathIsDirectory`, `.unsupportedFileType` (FIFO, socket), `.directoryMissing`,
    ///   `.openFailed` (with the ``/RotorCore/SystemCallError`` from `open(2)`), `.conflictingConfiguration`.
    public init(
        path: String, formatter: any LogFormatter, options: FileSinkConfiguration = FileSinkConfiguration()
    ) throws {
        self.path = path
        self.writer = try ChannelWriter(path: path, formatter: formatter, options: options, rotation: nil)
    }

    /// The canonical path of the file, after resolving `.`, `..` and symlinks.
    public var canonicalPath: String { writer.channel.path.canonical }

    /// Formats `record` and appends it to the file.
    public func log(_ record: LogRecord) { writer.log(record) }

    /// Formats the record a swift-log event makes and appends it, as ``log(_:)`` does a `LogRecord`.
    package func log(swiftLog record: SwiftLogEventRecord) { writer.log(swiftLog: record) }

    /// Formats a record given as typed fields straight into the output buffer and appends it
    /// (see ``DirectLogger``).
    public func log(
        level: Logger.Level, label: String, message: StaticString, timestamp: LogTimestamp,
        fields: (inout RecordFields) -> Void
    ) {
        writer.log(level: level, label: label, message: message, timestamp: timestamp, fields: fields)
    }

    /// Formats a record given as typed fields, timestamped by ``FileSinkConfiguration/clock``, and
    /// appends it. The one clock reading is the record's timestamp and the time the file's
    /// checks (rotation, external changes) are made at.
    public func log(
        level: Logger.Level, label: String, message: StaticString, fields: (inout RecordFields) -> Void
    ) {
        writer.log(level: level, label: label, message: message, fields: fields)
    }

    /// Appends already formatted lines.
    public func write(formatted bytes: UnsafeRawBufferPointer, recordCount: Int) {
        writer.write(bytes, recordCount: recordCount)
    }

    /// Finishes any line a fault cut short and, with ``FileSinkConfiguration/syncOnFlush``, calls `fdatasync(2)`.
    public func flush() { writer.flush() }

    /// Flushes and lets go of the file; the last sink on a path closes its descriptor.
    public func close() { writer.close() }

    /// Reopens the path now, for example after an external tool moved the file away. (Rotor also
    /// notices such moves by itself; see ``FileSinkConfiguration/externalChangeRecords``.)
    public func reopen() { writer.channel.reopenNow() }

    /// The counters of the file (shared with every sink on the same path).
    public var statistics: SinkStatistics { writer.channel.counters.snapshot() }

    /// The formatter records are formatted with (an ``AsyncSink`` wrapping this sink uses it too).
    public var formatter: any LogFormatter { writer.direct.formatter }

    /// Whether the formatter writes the source.
    public var readsSource: Bool { writer.direct.formatter.writesSource }
}
