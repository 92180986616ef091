import Foundation
import Logging
import RotorCore
import RotorSyslog

#if canImport(Glibc)
import Glibc
#endif

/// A record with `message`, at `level`, now.
func record(
    _ message: String, level: Logger.Level = .info, metadata: Logger.Metadata = [:], label: String = "test"
)
    -> LogRecord
{
    LogRecord(timestamp: .now(), level: level, label: label, message: message, metadata: metadata)
}

/// Logs `perWriter` numbered records from each of `writers` threads at once; with `paced`, each
/// writer pauses 2 ms every 10 records, so that a run lasts a few seconds.
func logConcurrently(to sink: any LogSink, writers: Int, perWriter: Int, padding: String, paced: Bool = false) {
    let latch = Latch(count: writers)
    for writer in 0..<writers {
        Thread {
            for sequence in 0..<perWriter {
                sink.log(record(SequenceCheck.message(writer: writer, sequence: sequence, padding: padding)))
                if paced && sequence % 10 == 9 { usleep(2_000) }
            }
            latch.countDown()
        }.start()
    }
    latch.wait()
}

/// Waits for a number of threads to finish (Foundation's `Thread` has no join).
final class Latch: @unchecked Sendable {
    // `left` is only touched between `condition.lock()` and `condition.unlock()`.
    private let condition = NSCondition()
    private var left: Int

    init(count: Int) { left = count }

    func countDown() {
        condition.lock()
        left -= 1
        condition.broadcast()
        condition.unlock()
    }

    func wait() {
        condition.lock()
        while left > 0 { condition.wait() }
        condition.unlock()
    }
}

/// A configuration whose failure reports are kept quiet (the tests read the counters).
func quietConfiguration(_ change: (inout SyslogSinkConfiguration) -> Void = { _ in }) -> SyslogSinkConfiguration {
    var configuration = SyslogSinkConfiguration()
    configuration.appName = "rotortest"
    configuration.hostname = "testhost"
    configuration.procID = "42"
    change(&configuration)
    return configuration
}

/// A failure handler that discards reports.
let discardFailures: SinkFailureHandler = { _ in }

/// The ``SyslogError`` `body` throws, or `nil` if it throws nothing (or something else).
func syslogError(_ body: () throws -> Void) -> SyslogError? {
    do {
        try body()
        return nil
    } catch {
        return error as? SyslogError
    }
}
