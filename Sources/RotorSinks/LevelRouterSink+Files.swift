public import Logging
public import RotorCore

extension LevelRouterSink {
    /// How ``files(in:baseName:fileExtension:levels:layout:makeSink:)`` lays out files.
    public enum FileLayout: Sendable, Hashable {
        /// One file per level: `app_info.log`, `app_error.log`, …
        case filePerLevel
        /// Every level in one file, `app.log`; each level still gets its own route and sink, and
        /// all of them share the file's one descriptor, counter and lock.
        case singleFile
    }

    /// Builds a router that writes each level to a file in `directory`.
    ///
    /// ```swift
    /// let router = try LevelRouterSink.files(in: "logs", baseName: "app") { path in
    ///     try FileSink(path: path, formatter: JSONFormatter())
    /// }
    /// // logs/app_trace.log … logs/app_critical.log
    /// ```
    ///
    /// - Parameters:
    ///   - directory: Where the files go.
    ///   - baseName: The file name before the level, `app` by default.
    ///   - fileExtension: The extension without its dot, `log` by default.
    ///   - levels: The levels that get routes; records of other levels are counted as unrouted.
    ///   - layout: One file per level, or one file for all.
    ///   - makeSink: Makes the sink for one path (a ``FileSink``, a rotating sink, …).
    /// - Throws: ``SinkError`` `.invalidConfiguration` for an empty base name, and whatever
    ///   `makeSink` throws.
    public static func files(
        in directory: String,
        baseName: String = "app",
        fileExtension: String = "log",
        levels: ClosedRange<Logger.Level> = .trace ... .critical,
        layout: FileLayout = .filePerLevel,
        makeSink: (_ path: String) throws -> any LogSink
    ) throws -> LevelRouterSink {
        guard !baseName.isEmpty, !baseName.contains("/") else {
            throw SinkError(.invalidConfiguration, "the base name must be a non-empty file name", field: "baseName")
        }
        let suffix = fileExtension.isEmpty ? "" : "." + fileExtension
        var routes: [LevelRoute] = []
        for level in Logger.Level.allCases where levels.contains(level) {
            let name = layout == .filePerLevel ? "\(baseName)_\(level.rawValue)\(suffix)" : baseName + suffix
            routes.append(LevelRoute(level, to: try makeSink(FilePathText.join(directory, name))))
        }
        return try LevelRouterSink(routes)
    }
}
