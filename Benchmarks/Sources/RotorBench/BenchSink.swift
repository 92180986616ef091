import Logging
import RotorCompression
import RotorCore
import RotorFormatters
import RotorLogging
import RotorRotation
import RotorSinks

/// The sink under test, kept as its concrete type so that `DirectLogger` calls are specialised.
enum BenchSink {
    case file(FileSink)
    case rotating(RotatingFileSink)
    /// An async sink and the file sink it wraps.
    case async(AsyncSink, inner: any FormattedLogSink)
    /// The per-level files (`RotorLoggingSystem.makePerLevelFiles`) and the sink of the `info`
    /// route, which receives every record.
    case perLevel(LevelRouterSink, info: any LogSink)

    /// The name of the active file in the run's directory.
    static let fileName = "bench.log"
    /// The base name of the per-level files: `bench_info.log`, `bench_notice.log`, …
    static let perLevelBaseName = "bench"

    /// The active file the records go to.
    var activeFileName: String {
        switch self {
        case .perLevel: "\(Self.perLevelBaseName)_info.log"
        default: Self.fileName
        }
    }

    /// The active files of the other levels' routes, which must stay empty.
    var otherFileNames: Set<String> {
        switch self {
        case .perLevel(let router, _):
            Set(
                router.routes.filter { !$0.levels.contains(.info) }.map {
                    "\(Self.perLevelBaseName)_\($0.levels.lowerBound.rawValue).log"
                })
        default: []
        }
    }

    /// Opens the sink `options` describe, writing `directory/bench.log`.
    ///
    /// - Parameters:
    ///   - options: Sink kind, formatter, rotation limit, compression, queue settings.
    ///   - directory: An existing directory.
    ///   - observer: Hears every rotation.
    /// - Throws: The sinks' set-up errors.
    static func open(_ options: BenchOptions, directory: String, observer: PauseRecorder) throws -> BenchSink {
        let path = directory + "/" + fileName
        let formatter = try makeFormatter(options.formatter, callSite: options.callSite)
        let fileOptions = FileSinkConfiguration(observer: observer, bufferCapacity: options.buffer)
        func rotating() throws -> RotatingFileSink {
            try RotatingFileSink(
                path: path, formatter: formatter, strategy: try SizeRotation(maxBytes: options.maxSize),
                compression: options.gzip ? GzipCompressor() : nil, options: fileOptions)
        }
        switch options.sink {
        case .file:
            return .file(try FileSink(path: path, formatter: formatter, options: fileOptions))
        case .rotating:
            return .rotating(try rotating())
        case .async:
            let inner: any FormattedLogSink =
                switch options.inner {
                case .file: try FileSink(path: path, formatter: formatter, options: fileOptions)
                case .rotating: try rotating()
                }
            let overflow: AsyncSinkConfiguration.OverflowPolicy =
                switch options.asyncPolicy {
                case .block: .block
                case .dropNewest: .dropNewest
                case .dropOldest: .dropOldest
                }
            let configuration = AsyncSinkConfiguration(
                capacity: options.capacity, maximumQueuedBytes: options.queueBytes, overflow: overflow,
                closeTimeout: .seconds(600))
            return .async(
                try AsyncSink(wrapping: inner, configuration: configuration), inner: inner)
        case .perLevel:
            // As the README's first example sets them up (info ... critical), with the run's
            // formatter, size limit, compression and buffer.
            let router = try RotorLoggingSystem.makePerLevelFiles(
                in: directory, baseName: perLevelBaseName, formatter: formatter,
                strategy: try SizeRotation(maxBytes: options.maxSize),
                compression: options.gzip ? GzipCompressor() : nil,
                options: FileSinkConfiguration(
                    createDirectories: true, observer: observer, bufferCapacity: options.buffer))
            guard let info = router.routes.first(where: { $0.levels.contains(.info) })?.sink else {
                throw BenchUsageError("the per-level files have no info route")
            }
            return .perLevel(router, info: info)
        case .syslog:
            throw BenchUsageError("--sink syslog is run by SyslogBench, not as a file case")
        }
    }

    static func makeFormatter(_ kind: BenchOptions.FormatterKind, callSite: Bool) throws -> any LogFormatter {
        switch kind {
        case .json: JSONFormatter(fields: callSite ? .all : [])
        case .text: TextFormatter()
        }
    }

    /// The sink records are logged to.
    var logSink: any LogSink {
        switch self {
        case .file(let sink): sink
        case .rotating(let sink): sink
        case .async(let sink, _): sink
        case .perLevel(let router, _): router
        }
    }

    /// The statistics of the file itself (for an async sink, of the sink it wraps; for the
    /// per-level files, of the `info` file).
    var fileStatistics: SinkStatistics {
        switch self {
        case .file(let sink): sink.statistics
        case .rotating(let sink): sink.statistics
        case .async(_, let inner): inner.statistics
        case .perLevel(_, let info): info.statistics
        }
    }

    /// Records dropped anywhere: by the async queue and by the file.
    var recordsDropped: Int {
        switch self {
        case .file, .rotating: fileStatistics.totalRecordsDropped
        case .async(let sink, _): sink.statistics.totalRecordsDropped + fileStatistics.totalRecordsDropped
        case .perLevel(let router, _): router.statistics.totalRecordsDropped + fileStatistics.totalRecordsDropped
        }
    }
}
