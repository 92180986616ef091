import CRotorBenchSupport
import Foundation
import Logging
import RotorCore
import RotorLogging
import RotorSinks

/// One `rotor-bench` run: open the sink, warm up, log the timed records from every thread, close,
/// check the files, and gather the figures.
struct BenchRun {
    let options: BenchOptions

    /// What the timed phase measured.
    struct Timing {
        var seconds: Double
        /// CPU time of every thread of the process over the same span.
        var cpuSeconds: Double
        /// The system (kernel) part of ``cpuSeconds``.
        var systemSeconds: Double
        var allocations: UInt64
        /// Bytes the file received in the timed phase.
        var bytes: Int
        /// For a paired run: the seconds of the discarding handler's chunks. (The CPU time and
        /// allocations of a paired run cover both sides.)
        var pairedDiscardSeconds: Double? = nil
    }

    /// - Throws: ``BenchUsageError`` for an unusable `--dir`, or a sink's set-up error.
    func run() throws -> BenchResult {
        var result = BenchResult(options: options)
        result.baselineResidentKilobytes = ProcessMemory.residentKilobytes
        guard options.writesFiles else {
            let logger = Logger(label: "bench") { _ in DiscardLogHandler() }
            let timing = measure { thread, sequences in
                Workload.swiftLog(logger, thread: thread, sequences: sequences)
            }
            result.record(timing)
            result.peakResidentKilobytes = ProcessMemory.peakResidentKilobytes
            result.verification = .notApplicable
            return result
        }

        let (directory, isTemporary) = try prepareDirectory()
        defer {
            if isTemporary, !options.keepFiles { try? FileManager.default.removeItem(atPath: directory) }
        }
        let recorder = PauseRecorder(capacity: expectedRotations * 2 + 64)
        let sink = try BenchSink.open(options, directory: directory, observer: recorder)
        let timing = runWorkload(on: sink)
        result.record(timing)
        result.peakResidentKilobytes = ProcessMemory.peakResidentKilobytes
        let statistics = sink.fileStatistics
        result.rotations = statistics.rotations
        result.rotationPausesObserved = recorder.count
        result.rotationPauseMaximumFromStatistics = Double(statistics.rotationPauseMaxNanoseconds) / 1000
        result.rotationPauseSamples = recorder.pauses.map { Double($0) / 1000 }
        result.rotationPauses = Percentiles(result.rotationPauseSamples)
        result.dropped = sink.recordsDropped
        if options.keepFiles || !isTemporary { result.directory = directory }

        let verifier = OutputVerifier(
            directory: directory, baseName: sink.activeFileName, emptyFiles: sink.otherFileNames,
            formatter: options.formatter,
            threads: options.threads, recordsPerThread: options.perThreadTotal, dropped: result.dropped,
            parsesLines: options.verify)
        result.verification = .checked(verifier.verify())
        return result
    }

    /// Runs the workload through the API `options` selects, with the sink's concrete type.
    private func runWorkload(on sink: BenchSink) -> Timing {
        let bytesWritten = { sink.fileStatistics.bytesWritten }
        switch (options.api, sink) {
        case (.swiftLog, _), (_, .perLevel):  // the options allow the per-level files only with swift-log
            let logSink = sink.logSink
            let logger = Logger(label: "bench") { RotorLogHandler(label: $0, sink: logSink) }
            if options.pairedDiscard {
                return measurePaired(logger, flush: logSink.flush, bytesWritten: bytesWritten, finish: logSink.close)
            }
            return measure(flush: logSink.flush, bytesWritten: bytesWritten, finish: logSink.close) {
                Workload.swiftLog(logger, thread: $0, sequences: $1)
            }
        case (_, .file(let file)):
            let logger = DirectLogger(label: "bench", sink: file)
            return measure(flush: file.flush, bytesWritten: bytesWritten, finish: file.close) {
                Workload.direct(logger, thread: $0, sequences: $1)
            }
        case (_, .rotating(let rotating)):
            let logger = DirectLogger(label: "bench", sink: rotating)
            return measure(flush: rotating.flush, bytesWritten: bytesWritten, finish: rotating.close) {
                Workload.direct(logger, thread: $0, sequences: $1)
            }
        case (_, .async(let async, _)):
            let logger = DirectLogger(label: "bench", sink: async)
            return measure(flush: async.flush, bytesWritten: bytesWritten, finish: async.close) {
                Workload.direct(logger, thread: $0, sequences: $1)
            }
        }
    }

    /// Starts one thread per producer; each logs its warm-up records, waits at the gate, then logs
    /// its timed records. The clock and the allocation counter run from the gate opening (after
    /// `flush`, which drains an async queue of the warm-up) to the end of `finish` (the sink's
    /// `close()`: every record in the kernel, an async queue drained, queued compression done).
    private func measure(
        flush: () -> Void = {},
        bytesWritten: () -> Int = { 0 },
        finish: () -> Void = {},
        _ body: @escaping @Sendable (_ thread: Int, _ sequences: Range<Int>) -> Void
    ) -> Timing {
        let gate = StartGate()
        let warmup = options.warmup
        let total = options.perThreadTotal
        for thread in 0..<options.threads {
            let producer = Thread {
                body(thread, 0..<warmup)
                gate.arriveAndWait()
                body(thread, warmup..<total)
                gate.finish()
            }
            producer.stackSize = 1 << 20
            producer.start()
        }
        gate.waitForArrivals(options.threads)
        flush()
        let bytesBefore = bytesWritten()
        let allocationsBefore = rotor_bench_allocation_count()
        let cpuBefore = ProcessTime.cpuSeconds
        let systemBefore = ProcessTime.systemSeconds
        let start = DispatchTime.now().uptimeNanoseconds
        gate.open()
        gate.waitForFinish(options.threads)
        finish()
        let end = DispatchTime.now().uptimeNanoseconds
        let cpuAfter = ProcessTime.cpuSeconds
        let systemAfter = ProcessTime.systemSeconds
        let allocationsAfter = rotor_bench_allocation_count()
        return Timing(
            seconds: Double(end - start) / 1e9, cpuSeconds: cpuAfter - cpuBefore,
            systemSeconds: systemAfter - systemBefore,
            allocations: allocationsAfter &- allocationsBefore,
            bytes: bytesWritten() - bytesBefore)
    }

    /// A paired run (`--paired-discard`): in this thread, chunks of ``BenchOptions/pairedChunk``
    /// records alternate between `logger` and a `Logger` with the discarding handler (the same
    /// statements), each chunk timed on its own. The handler's chunks, plus `finish`, are the
    /// timed phase; the discarding chunks' total is reported next to it. Slow drifts of a shared
    /// machine's speed (seconds long) reach both sides alike, so their ratio moves far less from
    /// run to run than two processes' rates do.
    private func measurePaired(
        _ logger: Logger, flush: () -> Void, bytesWritten: () -> Int, finish: () -> Void
    ) -> Timing {
        let discarding = Logger(label: "bench") { _ in DiscardLogHandler() }
        let warmup = options.warmup
        let total = options.perThreadTotal
        let chunk = options.pairedChunk
        Workload.swiftLog(logger, thread: 0, sequences: 0..<warmup)
        Workload.swiftLog(discarding, thread: 0, sequences: 0..<min(warmup, chunk))
        flush()
        let bytesBefore = bytesWritten()
        let allocationsBefore = rotor_bench_allocation_count()
        let cpuBefore = ProcessTime.cpuSeconds
        let systemBefore = ProcessTime.systemSeconds
        var handlerNanoseconds: UInt64 = 0
        var discardNanoseconds: UInt64 = 0
        var next = warmup
        var round = 0
        while next < total {
            let sequences = next..<min(next + chunk, total)
            // Which side goes first alternates, as compare.sh's pairs do.
            for side in round % 2 == 0 ? [true, false] : [false, true] {
                let start = DispatchTime.now().uptimeNanoseconds
                Workload.swiftLog(side ? logger : discarding, thread: 0, sequences: sequences)
                let elapsed = DispatchTime.now().uptimeNanoseconds - start
                if side { handlerNanoseconds += elapsed } else { discardNanoseconds += elapsed }
            }
            next = sequences.upperBound
            round += 1
        }
        let start = DispatchTime.now().uptimeNanoseconds
        finish()
        handlerNanoseconds += DispatchTime.now().uptimeNanoseconds - start
        let cpuAfter = ProcessTime.cpuSeconds
        let systemAfter = ProcessTime.systemSeconds
        let allocationsAfter = rotor_bench_allocation_count()
        return Timing(
            seconds: Double(handlerNanoseconds) / 1e9, cpuSeconds: cpuAfter - cpuBefore,
            systemSeconds: systemAfter - systemBefore,
            allocations: allocationsAfter &- allocationsBefore,
            bytes: bytesWritten() - bytesBefore, pairedDiscardSeconds: Double(discardNanoseconds) / 1e9)
    }

    /// An upper estimate of the rotations in the run, to size the pause buffer.
    private var expectedRotations: Int {
        let bytes = Double(options.threads) * Double(options.perThreadTotal) * 512
        return Int(min(bytes / Double(options.maxSize), 4_194_304))
    }

    /// The `--dir` directory (created if missing, and refused if it already holds a bench log), or
    /// a new temporary directory.
    private func prepareDirectory() throws -> (path: String, isTemporary: Bool) {
        let manager = FileManager.default
        guard let given = options.directory else {
            var temporary = NSTemporaryDirectory()
            while temporary.count > 1, temporary.hasSuffix("/") { temporary.removeLast() }
            var template = Array((temporary + "/rotorbench_XXXXXX").utf8CString)
            let made = template.withUnsafeMutableBufferPointer { buffer in
                mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
            }
            guard let made else { throw BenchUsageError("cannot create a temporary directory") }
            return (made, true)
        }
        try manager.createDirectory(atPath: given, withIntermediateDirectories: true)
        let leftovers = try manager.contentsOfDirectory(atPath: given).filter {
            $0.hasPrefix("bench.") || $0.hasPrefix(".bench.")
        }
        guard leftovers.isEmpty else {
            throw BenchUsageError("\(given) already holds bench files (\(leftovers.count)); use an empty directory")
        }
        return (given, false)
    }
}
