import RotorCore
import RotorSinks

/// The sinks the swift-log event-path tests compare, all with one formatter, in one directory:
/// a reference that only ever gets a `LogRecord` (`reference.log`, through ``RecordOnlySink``),
/// and the sinks that take the event itself: a file written through (`file.log`), a buffered
/// file (`buffered.log`) and an async sink that captures the event (`captured.log`).
struct EventPathSinks {
    let reference: FileSink
    let file: FileSink
    let buffered: FileSink
    let captured: AsyncSink

    /// The log names of the event-path sinks, whose bytes must equal `reference.log`'s.
    static let names = ["file", "buffered", "captured"]

    init(in dir: String, formatter: any LogFormatter) throws {
        reference = try FileSink(path: dir + "/reference.log", formatter: formatter)
        file = try FileSink(path: dir + "/file.log", formatter: formatter)
        buffered = try FileSink(
            path: dir + "/buffered.log", formatter: formatter, options: FileSinkConfiguration(bufferCapacity: 4096))
        captured = try AsyncSink(wrapping: try FileSink(path: dir + "/captured.log", formatter: formatter))
    }

    /// The reference (behind ``RecordOnlySink``) first, then the event-path sinks.
    var sinks: [any LogSink] { [RecordOnlySink(reference), file, buffered, captured] }
}
