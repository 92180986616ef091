import RotorCore
import RotorFormatters
import RotorSinks
import RotorSyslog

extension StressRun {
    /// Runs the writers through a ``SyslogSink`` to `url`: the standard JSON record as the MSG
    /// of an RFC 5424 message. The queue's overflow policy is `--async` (drop-newest, the sink's
    /// default, without it). Failure reports go to standard error; the summary's counters say
    /// what was delivered, dropped, and why.
    ///
    /// - Throws: ``SyslogError`` for a bad URL, ``/RotorSinks/SinkError`` for a bad queue.
    func runSyslog(url: String) throws -> StressSummary {
        var configuration = SyslogSinkConfiguration()
        configuration.payload = .formatted(Self.makeFormatter())
        configuration.appName = "rotor-stress"
        configuration.queue.capacity = 4_096
        switch options.asyncPolicy {
        case .block: configuration.queue.overflow = .block
        case .dropOldest: configuration.queue.overflow = .dropOldest
        case .dropNewest, nil: configuration.queue.overflow = .dropNewest
        }
        let sink = try SyslogSink(url: url, configuration: configuration)
        let ack = try options.ackPath.map { path throws(AckFileError) in
            try AckFile(path: path, threads: options.threads)
        }
        return try run(DirectLogger(label: StressRecord.label, sink: sink), buffered: true, ack: ack) {
            sink.statistics
        }
    }
}
