public import RotorCore
public import RotorRotation

/// A file sink that rotates its file by a pluggable ``RotationStrategy``, without losing,
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
/// the active file gets a second name, its archive name (`link(2)`), then a file prepared in advance
/// under a hidden temporary name replaces it (`rename(2)`), and the descriptors are swapped. At
/// every instant the active path exists, so a reader opening it never gets `ENOENT`. Where hard
/// links are not supported the sink falls back to two renames, leaving a window of microseconds
/// without the active path, and counts it in ``SinkStatistics/zeroGapFallbacks``. Preparing the
/// next file and recording the new period happen on a background queue.
///
/// Archive names come from an ``ArchiveNaming`` (``TimestampArchiveNaming`` by default, e.g.
/// `app.2026-11-21T14-30-22.123Z.001.log`): strictly increasing even when the clock steps back,
/// never overwriting an existing file.
///
/// ### Rules
/// - An empty file is never archived: when the strategy fires on an empty file, a new period
///   simply begins.
/// - A record larger than the strategy's ``RotationStrategy/maximumFileBytes`` is written alone into
///   a file, never split or dropped, and counted in ``SinkStatistics/oversizeRecords``.
/// - If a rotation fails (a rename refused, no descriptor left), the current file keeps receiving
///   records, the failure is counted (``SinkStatistics/rotationsDeferred``) and reported, and the
///   rotation is retried with backoff (1 ms doubling to 1 s). Nothing is truncated.
/// - A file moved or deleted behind Rotor's back is noticed within
///   ``FileSinkOptions/externalChangeRecords`` records or ``FileSinkOptions/externalChangeInterval``,
///   and the path is reopened.
///
/// ### Restarts and crashes
/// Opening an existing file continues it: the byte counter starts from its size and the period
/// start is read from a small state file (`.app.log.rotor-state`), never from file-system times.
/// A run killed during a rotation is finished or undone at the next open (see the recovery rules
/// on ``RotatingFileSink/init(path:formatter:strategy:naming:rotation:options:)``).
///
/// Sinks and level routes that name the same file share one descriptor, counter and lock, so they
/// rotate together, once per threshold crossing. Their strategy, naming and rotation options must
/// be equal, or the second initialiser throws ``SinkError`` `.conflictingConfiguration`.
public final class RotatingFileSink: FormattedLogSink {
    /// The path as given to the initialiser.
    public let path: String
    private let writer: ChannelWriter

    /// Opens (or creates and continues) a rotating log file.
    ///
    /// At open, what an interrupted run left behind is finished or cleaned: prepared next files are
    /// removed, an archive that is only a second name of the active file (a crash between `link` and
    /// `rename`) is removed so its records are not duplicated, and a last line torn by a crash is
    /// terminated with `\n` so the next record starts on a line of its own. With a strategy whose
    /// ``RotationStrategy/rotatesOnOpen`` is true, a non-empty file is rotated at once.
    ///
    /// - Parameters:
    ///   - path: The active file.
    ///   - formatter: How records become lines.
    ///   - strategy: When to rotate.
    ///   - naming: What archives are called; ``TimestampArchiveNaming`` by default.
    ///   - rotation: How rotations are carried out (sync, idle timer).
    ///   - options: File settings, clock and failure handler.
    /// - Throws: ``SinkError`` (see ``FileSink/init(path:formatter:options:)``), and
    ///   `.unsupportedFileType` when the path is not a regular file.
    public init(
        path: String,
        formatter: any LogFormatter,
        strategy: any RotationStrategy,
        naming: any ArchiveNaming = TimestampArchiveNaming(),
        rotation: RotationOptions = RotationOptions(),
        options: FileSinkOptions = FileSinkOptions()
    ) throws {
        self.path = path
        self.writer = try ChannelWriter(
            path: path, formatter: formatter, options: options,
            rotation: RotationSettings(strategy: strategy, naming: naming, options: rotation))
    }

    /// The canonical path of the active file, after resolving `.`, `..` and symlinks.
    public var canonicalPath: String { writer.channel.path.canonical }

    /// The directory that holds the active file and its archives (canonical).
    public var directory: String { writer.channel.path.directory }

    /// Formats `record`, rotates first if the strategy says so, and appends it.
    public func log(_ record: LogRecord) { writer.log(record) }

    /// Appends already formatted lines (the strategy sees them as one write).
    public func write(formatted bytes: UnsafeRawBufferPointer, recordCount: Int) {
        writer.write(bytes, recordCount: recordCount)
    }

    /// Finishes any line a fault cut short and, with ``FileSinkOptions/syncOnFlush``, calls `fdatasync(2)`.
    public func flush() { writer.flush() }

    /// Flushes, lets go of the file (the last sink on a path closes it) and waits for background work.
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

    /// Blocks until the background work queued so far (next-file preparation, period records) is done.
    public func waitForBackgroundWork() { writer.channel.waitForBackgroundWork() }

    /// The counters of the file (shared with every sink on the same path).
    public var statistics: SinkStatistics { writer.channel.counters.snapshot() }
}
