public import Logging
public import RotorCompression
public import RotorCore
public import RotorFormatters
public import RotorRetention
public import RotorRotation

/// A file sink that rotates its file by a pluggable ``/RotorRotation/RotationStrategy``, without losing,
/// duplicating or tearing a record, and without making the writer wait for anything slow.
///
/// ```swift
/// let sink = try RotatingFileSink(
///     path: "logs/app.log",
///     formatter: JSONFormatter(),
///     strategy: AnyOfRotation([try SizeRotation(maxBytes: 10 << 20), TimeRotation.daily()]))
/// ```
///
/// ### How a rotation happens
/// Before each write, under the file's lock, the sink asks the strategy whether to rotate. If so,
/// the writers move at once into a file prepared in advance under a hidden temporary name
/// (`.app.log.rotor-next-…`): the rotation itself is a descriptor swap, with no system call on the
/// writer's path. The names follow on the background queue: the ended file gets its archive name
/// as a second name (`link(2)`), then the prepared file replaces it at the active path
/// (`rename(2)`). At every instant the active path exists, so a reader opening it never gets
/// `ENOENT`; until the names are switched (typically well under a millisecond) it still names the
/// ended file, and the newest records sit in the hidden file. ``flush()``, ``close()`` and the next
/// rotation switch pending names first, so once `flush()` returns every record is under its
/// final name. Where hard links are not supported the sink falls back to two renames, leaving a
/// window of microseconds without the active path, and counts it in
/// ``/RotorCore/SinkStatistics/zeroGapFallbacks``. Preparing the next file and recording the new period also
/// happen on the background queue.
///
/// If the hidden file is deleted behind Rotor's back before a rotation, that rotation fails and
/// is retried with a new one; if it is deleted while the writers are in it, its bytes are copied
/// into a new prepared file that the writers move to (reported as a failed, then recovered,
/// rotation), so no record is lost. Records that cannot be copied out (the directory removed and
/// not re-creatable until the sink is closed) are counted in
/// ``/RotorCore/SinkStatistics/recordsWrittenToDetachedFile``.
///
/// Archive names come from an ``/RotorRotation/ArchiveNaming`` (``/RotorRotation/TimestampArchiveNaming`` by default, e.g.
/// `app.2026-11-21T14-30-22.123Z.001.log`): strictly increasing even when the clock steps back,
/// never overwriting an existing file.
///
/// ### Rules
/// - An empty file is never archived: when the strategy fires on an empty file, a new period
///   simply begins.
/// - A record larger than the strategy's ``/RotorRotation/RotationStrategy/maximumFileBytes`` is written alone into
///   a file, never split or dropped, and counted in ``/RotorCore/SinkStatistics/oversizeRecords``.
/// - If a rotation fails (a rename refused, no descriptor left), the current file keeps receiving
///   records, the failure is counted (``/RotorCore/SinkStatistics/rotationsDeferred``) and reported, and the
///   rotation is retried with backoff (1 ms doubling to 1 s). Nothing is truncated.
/// - A file moved or deleted behind Rotor's back is noticed within
///   ``FileSinkConfiguration/externalChangeRecords`` records or ``FileSinkConfiguration/externalChangeInterval``,
///   and the path is reopened.
///
/// ### Compression and retention
/// With a `compression` compressor (``/RotorCompression/GzipCompressor``), each archive is compressed after its
/// rotation on the sink's background queue, never on a writer's thread, by a crash-safe protocol:
/// `<archive>.gz.tmp` is written and `fsync`ed, renamed to `<archive>.gz`, the directory is
/// `fsync`ed, and only then is the source removed. A failure leaves the source intact, removes the
/// temporary file, is counted and reported, and is retried with backoff. Archives made faster than
/// they can be compressed wait, uncompressed, for the next pass: at most one pass is queued at a
/// time, so the backlog costs no memory and the writer never waits for it.
///
/// With a `retention` policy, old archives are deleted after each rotation and at open (so excess
/// left by earlier runs goes too). Only files that the sink's ``/RotorRotation/ArchiveNaming`` recognises for this
/// file are ever counted or deleted; the list of archives is built by one directory scan at open and
/// kept up to date, with no scan per rotation. A generation present both uncompressed and
/// compressed (an interrupted compression) counts once.
///
/// ### Restarts and crashes
/// Opening an existing file continues it: the byte counter starts from its size and the period
/// start is read from a small state file (`.app.log.rotor-state`), never from file-system times.
/// A run killed during a rotation is finished or undone at the next open (see the recovery rules
/// on ``RotatingFileSink/init(path:formatter:strategy:naming:compression:retention:rotation:options:)``).
///
/// Sinks and level routes that name the same file share one descriptor, counter and lock, so they
/// rotate together, once per threshold crossing. Their strategy, naming and rotation options must
/// be equal, or the second initialiser throws ``SinkError`` `.conflictingConfiguration`.
public final class RotatingFileSink: FormattedLogSink, TypedLogSink, SwiftLogEventSink {
    /// The path as given to the initialiser.
    public let path: String
    let writer: ChannelWriter

    /// Opens (or creates and continues) a rotating log file.
    ///
    /// At open, what an interrupted run left behind is finished or cleaned: an empty prepared next
    /// file is removed, and a non-empty one (a crash after a rotation, before its names were
    /// switched) becomes the active file, the old active file becoming its archive; an archive that
    /// is only a second name of the active file (a crash between `link` and `rename` of an empty
    /// prepared file) is removed so its records are not duplicated, a last line torn by a crash is
    /// cut off (counted in ``/RotorCore/SinkStatistics/tornTailsRemoved``), half-written `.gz.tmp`
    /// files are removed, and (on the background queue) archives left uncompressed are compressed —
    /// a `.gz` beside its source is trusted only if it decompresses, intact, to the source's bytes. With a strategy whose
    /// ``/RotorRotation/RotationStrategy/rotatesOnOpen`` is true, a non-empty file is rotated at once.
    ///
    /// - Parameters:
    ///   - path: The active file.
    ///   - formatter: How records become lines.
    ///   - strategy: When to rotate.
    ///   - naming: What archives are called; ``/RotorRotation/TimestampArchiveNaming`` by default.
    ///   - compression: Compresses archives in the background; `nil` (the default) keeps them as they are.
    ///   - retention: Deletes old archives in the background; `nil` (the default) keeps them all.
    ///   - rotation: How rotations are carried out (sync, idle timer, disk-full clean-up).
    ///   - options: File settings, clock and failure handler.
    /// - Throws: ``SinkError`` (see ``FileSink/init(path:formatter:options:)``), and
    ///   `.unsupportedFileType` when the path is not a regular file, `.invalidConfiguration`
    ///   (field `compression`) when the compressor's suffix is not `.gz`, the only compressed form
    ///   the archive naming recognises.
    public init(
        path: String,
        formatter: any LogFormatter,
        strategy: any RotationStrategy,
        naming: any ArchiveNaming = TimestampArchiveNaming(),
        compression: (any ArchiveCompressor)? = nil,
        retention: (any RetentionPolicy)? = nil,
        rotation: RotationConfiguration = RotationConfiguration(),
        options: FileSinkConfiguration = FileSinkConfiguration()
    ) throws {
        self.path = path
        self.writer = try ChannelWriter(
            path: path, formatter: formatter, options: options,
            rotation: RotationSettings(
                strategy: strategy, naming: naming, options: rotation, compressor: compression, retention: retention))
    }

    /// The canonical path of the active file, after resolving `.`, `..` and symlinks.
    public var canonicalPath: String { writer.channel.path.canonical }

    /// The directory that holds the active file and its archives (canonical).
    public var directory: String { writer.channel.path.directory }

    /// Formats `record`, rotates first if the strategy says so, and appends it.
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

    /// Appends already formatted lines (the strategy sees them as one write).
    public func write(formatted bytes: UnsafeRawBufferPointer, recordCount: Int) {
        writer.write(bytes, recordCount: recordCount)
    }

    /// Finishes any line a fault cut short and, with ``FileSinkConfiguration/syncOnFlush``, calls `fdatasync(2)`.
    public func flush() { writer.flush() }

    /// Flushes, lets go of the file (the last sink on a path closes it) and waits for the background
    /// work already queued — compression and retention of every archive made so far — to finish.
    /// Work that failed and waits for a retry is resumed the next time the file is opened.
    public func close() { writer.close() }

    /// Rotates now if the active file has content, whatever the strategy says: for `SIGHUP`
    /// handlers and operators.
    public func rotate() {
        guard writer.isOpen else { return }
        writer.channel.rotateNow()
    }

    /// Reopens the active path now, for example after an external tool moved the file away.
    public func reopen() {
        guard writer.isOpen else { return }
        writer.channel.reopenNow()
    }

    /// The archives of this file that the sink knows of, oldest first: those found when it was
    /// opened plus those it made since.
    public var archives: [ParsedArchiveName] { writer.channel.archives }

    /// Blocks until the background work queued so far — next-file preparation, period records,
    /// compression and retention — is done. A retry scheduled after a failure (with backoff) is
    /// not waited for.
    public func waitForBackgroundWork() { writer.channel.waitForBackgroundWork() }

    /// Suspends until the background work queued so far is done, without blocking a thread; see
    /// ``waitForBackgroundWork()``.
    public func backgroundWorkCompleted() async {
        await withCheckedContinuation { continuation in
            writer.channel.whenBackgroundWorkIsDone { continuation.resume() }
        }
    }

    /// The counters of the file (shared with every sink on the same path).
    public var statistics: SinkStatistics { writer.channel.counters.snapshot() }

    /// The formatter records are formatted with (an ``AsyncSink`` wrapping this sink uses it too).
    public var formatter: any LogFormatter { writer.direct.formatter }

    /// Whether the formatter writes the source.
    public var readsSource: Bool { writer.direct.formatter.writesSource }
}
