import Dispatch
import Foundation
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks

/// One `rotor-stress` run: `threads` writers, each logging `records` records through one
/// ``RotatingFileSink`` with a ``JSONFormatter``, acknowledging each record in the ack file.
struct StressRun {
    let options: StressOptions

    /// The formatter: the standard JSON record, metadata flattened so that `run`, `thread` and
    /// `seq` are top-level members.
    static func makeFormatter() -> JSONFormatter { JSONFormatter(metadataPlacement: .flattened) }

    /// Size rotation, time rotation, both (whichever fires first) or none.
    static func makeStrategy(maxSize: Int64?, interval: Double?) throws -> any RotationStrategy {
        var strategies: [any RotationStrategy] = []
        if let maxSize { strategies.append(try SizeRotation(maxBytes: maxSize)) }
        if let interval { strategies.append(try TimeRotation.every(.nanoseconds(Int64(interval * 1e9)))) }
        switch strategies.count {
        case 0: return NeverRotation()
        case 1: return strategies[0]
        default: return try AnyOfRotation(strategies)
        }
    }

    /// Opens the sink and the ack file, runs the writers to the end, closes the sink (which waits
    /// for its background work) and returns the figures.
    ///
    /// - Throws: The sink's or the ack file's set-up error.
    func run() throws -> StressSummary {
        let sink = try RotatingFileSink(
            path: options.path, formatter: Self.makeFormatter(),
            strategy: Self.makeStrategy(maxSize: options.maxSize, interval: options.interval))
        let ack = try options.ackPath.map { path throws(AckFileError) in try AckFile(path: path, threads: options.threads) }
        let started = ContinuousClock.now
        let group = DispatchGroup()
        for thread in 0..<options.threads {
            group.enter()
            let writer = Thread { [options] in
                Self.write(thread: thread, options: options, sink: sink, ack: ack)
                group.leave()
            }
            writer.stackSize = 1 << 20
            writer.start()
        }
        group.wait()
        sink.close()
        let elapsed = ContinuousClock.now - started
        ack?.release()
        return StressSummary(
            records: options.threads * options.records, threads: options.threads, run: options.runID,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            statistics: sink.statistics)
    }

    /// The loop of one writer thread.
    ///
    /// ``RotatingFileSink`` does not buffer: when `log` returns, the line has been handed to
    /// `write(2)`, so the record is acknowledged right away. `--flush-every` only adds `flush()`
    /// calls (which matter once buffering or asynchronous sinks exist).
    static func write(thread: Int, options: StressOptions, sink: RotatingFileSink, ack: AckFile?) {
        let run = String(options.runID)
        let pad = StressRecord.padding(count: options.pad)
        for seq in 0..<options.records {
            sink.log(StressRecord.make(run: run, thread: thread, seq: seq, pad: pad, timestamp: .now()))
            ack?.acknowledge(seq, thread: thread)
            if options.flushEvery > 0, (seq + 1) % options.flushEvery == 0 { sink.flush() }
        }
        sink.flush()
    }
}
