public import Logging
public import RotorCompression
public import RotorCore
public import RotorFormatters
public import RotorRetention
public import RotorRotation
public import RotorSinks

extension RotorLoggingSystem {
    /// Builds a router that writes each level to its own rotating file in `directory`, without
    /// touching swift-log's global state.
    ///
    /// ```swift
    /// let files = try RotorLoggingSystem.makePerLevelFiles(
    ///     in: "logs", strategy: try SizeRotation(maxBytes: 10 << 20))
    /// // logs/app_info.log, logs/app_notice.log, … logs/app_critical.log
    /// ```
    ///
    /// - Parameters:
    ///   - directory: Where the files go; created if missing unless `options` says otherwise.
    ///   - baseName: The file name before the level, `app` by default.
    ///   - levels: The levels that get files; `.info ... .critical` by default.
    ///   - layout: One file per level, or one shared file (`app.log`) for all of them.
    ///   - formatter: How records become lines; JSON lines by default.
    ///   - strategy: When each file rotates.
    ///   - naming: What archives are called.
    ///   - compression: Compresses archives in the background (for example `GzipCompressor()`); off by default.
    ///   - retention: Deletes old archives of each file in the background; off by default.
    ///   - options: File settings; by default missing directories are created.
    /// - Returns: The router; keep it to flush or close the files at shutdown.
    /// - Throws: ``/RotorSinks/SinkError`` for a bad directory or conflicting settings.
    public static func makePerLevelFiles(
        in directory: String,
        baseName: String = "app",
        levels: ClosedRange<Logger.Level> = .info ... .critical,
        layout: LevelRouterSink.FileLayout = .filePerLevel,
        formatter: any LogFormatter = JSONFormatter(),
        strategy: any RotationStrategy,
        naming: any ArchiveNaming = TimestampArchiveNaming(),
        compression: (any ArchiveCompressor)? = nil,
        retention: (any RetentionPolicy)? = nil,
        options: FileSinkConfiguration = FileSinkConfiguration(createDirectories: true)
    ) throws -> LevelRouterSink {
        try LevelRouterSink.files(in: directory, baseName: baseName, levels: levels, layout: layout) { path in
            try RotatingFileSink(
                path: path, formatter: formatter, strategy: strategy, naming: naming, compression: compression,
                retention: retention, options: options)
        }
    }

    /// Builds per-level rotating files with
    /// ``makePerLevelFiles(in:baseName:levels:layout:formatter:strategy:naming:compression:retention:options:)`` and
    /// makes swift-log write to them. Call once, early; a second bootstrap traps.
    ///
    /// - Returns: The router; keep it to flush or close the files at shutdown.
    /// - Throws: ``/RotorSinks/SinkError`` for a bad directory or conflicting settings.
    @discardableResult
    public static func bootstrapPerLevelFiles(
        in directory: String,
        baseName: String = "app",
        levels: ClosedRange<Logger.Level> = .info ... .critical,
        layout: LevelRouterSink.FileLayout = .filePerLevel,
        formatter: any LogFormatter = JSONFormatter(),
        strategy: any RotationStrategy,
        compression: (any ArchiveCompressor)? = nil,
        retention: (any RetentionPolicy)? = nil,
        options: FileSinkConfiguration = FileSinkConfiguration(createDirectories: true),
        logLevel: Logger.Level = .info
    ) throws -> LevelRouterSink {
        let router = try makePerLevelFiles(
            in: directory, baseName: baseName, levels: levels, layout: layout, formatter: formatter,
            strategy: strategy, compression: compression, retention: retention, options: options)
        bootstrap(sink: router, logLevel: logLevel)
        return router
    }
}
