@_spi(RotorInternals) public import RotorCore
import RotorFormatters
import RotorLibc
import RotorSystem
import Synchronization

/// A sink that writes records to standard output or standard error.
///
/// Each record is formatted outside the lock and written with a single `write(2)` loop under a lock
/// shared by every `StreamSink` on the same stream, so records from different threads never
/// interleave mid-line. Write failures (a closed pipe, a full disk behind a redirect) are counted as
/// dropped records and reported once; the sink never throws or traps.
public final class StreamSink: FormattedLogSink {
    /// The standard stream a sink writes to.
    public enum Stream: Sendable, Hashable {
        /// File descriptor 1.
        case standardOutput
        /// File descriptor 2.
        case standardError

        var descriptor: Int32 { self == .standardOutput ? 1 : 2 }
    }

    private static let outputLock = Locked(())
    private static let errorLock = Locked(())

    /// The stream this sink writes to.
    public let stream: Stream
    /// The formatter records are formatted with: the one given, with a `TextFormatter`'s automatic
    /// colour resolved for the stream (an ``AsyncSink`` wrapping this sink uses it too).
    public let formatter: any LogFormatter
    private let counters = SinkCounters()
    private let reporter: FailureReporter
    private let isClosed = Atomic<Bool>(false)

    /// Creates a sink on `stream`.
    ///
    /// A `TextFormatter` whose colour mode is `.automatic` gets colour only if the stream is a
    /// terminal (`isatty(3)`); no formatter ever writes raw escape codes otherwise.
    ///
    /// - Parameters:
    ///   - stream: Standard output or standard error.
    ///   - formatter: How records become lines.
    ///   - failureHandler: Where write faults are reported; `nil` writes them to standard error.
    public init(_ stream: Stream, formatter: any LogFormatter, failureHandler: SinkFailureHandler? = nil) {
        self.stream = stream
        if let text = formatter as? TextFormatter {
            self.formatter = text.resolvingColor(isTerminal: isatty(stream.descriptor) == 1)
        } else {
            self.formatter = formatter
        }
        self.reporter = FailureReporter(
            sink: stream == .standardOutput ? "stdout" : "stderr", handler: failureHandler, counters: counters)
    }

    /// Whether the stream is a terminal (`isatty(3)`), for choosing colour output.
    public var isTerminal: Bool { isatty(stream.descriptor) == 1 }

    /// Formats and writes one record.
    public func log(_ record: LogRecord) {
        ThreadLocalBuffer.withBuffer { buffer in
            formatter.format(record, into: &buffer)
            buffer.withUnsafeBytes { write(formatted: $0, recordCount: 1) }
        }
    }

    /// Writes already formatted lines.
    public func write(formatted bytes: UnsafeRawBufferPointer, recordCount: Int) {
        if isClosed.load(ordering: .relaxed) {
            counters.recordDropped(.closed, records: recordCount, bytes: bytes.count)
            return
        }
        let result =
            stream == .standardOutput
            ? Self.outputLock.withLock { _ in POSIX.writeAll(1, bytes) }
            : Self.errorLock.withLock { _ in POSIX.writeAll(2, bytes) }
        if let error = result.error {
            counters.recordDropped(.writeFailure, records: recordCount, bytes: bytes.count)
            reporter.failed(.write, cause: error)
        } else {
            counters.recordWritten(records: recordCount, bytes: bytes.count)
            reporter.succeeded(.write)
        }
    }

    /// Nothing to do: every record is written to the stream before ``log(_:)`` returns.
    public func flush() {}

    /// Stops writing; the stream itself stays open (it belongs to the process).
    public func close() { isClosed.store(true, ordering: .relaxed) }

    /// The sink's counters.
    public var statistics: SinkStatistics { counters.snapshot() }

    /// Whether the formatter writes the source.
    public var readsSource: Bool { formatter.writesSource }
}
