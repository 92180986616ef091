import RotorCompression
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks

/// The sink under test, kept as its concrete type so that `DirectLogger` calls are specialised.
enum BenchSink {
    case file(FileSink)
    case rotating(RotatingFileSink)
    /// An async sink and the file sink it wraps.
    case async(AsyncSink, inner: any FormattedLogSink)

    /// The name of the active file in the run's directory.
    static let fileName = "bench.log"

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
        }
    }

    /// The statistics of the file itself (for an async sink, of the sink it wraps).
    var fileStatistics: SinkStatistics {
        switch self {
        case .file(let sink): sink.statistics
        case .rotating(let sink): sink.statistics
        case .async(_, let inner): inner.statistics
        }
    }

    /// Records dropped anywhere: by the async queue and by the file.
    var recordsDropped: Int {
        switch self {
        case .file, .rotating: fileStatistics.totalRecordsDropped
        case .async(let sink, _): sink.statistics.totalRecordsDropped + fileStatistics.totalRecordsDropped
        }
    }
}
