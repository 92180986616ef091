import Foundation
import RotorCore
import RotorFormatters
import RotorSinks
import RotorSyslog

/// `rotor-bench --sink syslog`: the standard record shape through a ``SyslogSink`` (RFC 5424,
/// metadata as structured data) to a running collector, timed from the first record to the end
/// of `close()` (everything delivered and, for TCP, read by the collector), then the same count
/// through a peer program on the same socket, so that the two rates and their ratio come from one
/// run. `Benchmarks/syslog_bench.sh` starts a private rsyslogd and builds the C peer.
struct SyslogBench {
    /// One run's figures.
    struct Result {
        var url: String
        var threads: Int
        var records: Int
        var seconds: Double
        var statistics: SinkStatistics
        /// The peer's JSON line, as it printed it.
        var peerLine: String?

        /// Whether every record was delivered (a queue that blocks drops nothing).
        var complete: Bool { statistics.recordsWritten == records && statistics.totalRecordsDropped == 0 }

        var jsonLine: String {
            let rate = seconds > 0 ? Double(records) / seconds : 0
            var fields = [
                "\"sink\":\"syslog\"", "\"url\":\"\(url)\"", "\"threads\":\(threads)", "\"records\":\(records)",
                "\"seconds\":\(seconds)", "\"records_per_second\":\(rate.rounded())",
                "\"records_written\":\(statistics.recordsWritten)", "\"bytes_written\":\(statistics.bytesWritten)",
                "\"records_dropped\":\(statistics.totalRecordsDropped)", "\"complete\":\(complete)",
            ]
            if let peerLine,
                let peer = try? JSONSerialization.jsonObject(with: Data(peerLine.utf8)) as? [String: Any],
                let peerRate = peer["records_per_second"] as? Double, peerRate > 0
            {
                fields.append("\"peer\":\(peerLine)")
                fields.append("\"rotor_over_peer\":\(((rate / peerRate) * 1000).rounded() / 1000)")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
    }

    let options: BenchOptions

    func run() throws -> Result {
        guard let url = options.syslogURL else { throw BenchUsageError("--sink syslog needs --syslog-url URL") }
        var configuration = SyslogSinkConfiguration()
        configuration.appName = "rotor-bench"
        configuration.queue = AsyncSinkConfiguration(
            capacity: options.capacity, maximumQueuedBytes: options.queueBytes, overflow: .block,
            closeTimeout: .seconds(600))
        configuration.closeTimeout = .seconds(60)
        let sink = try SyslogSink(url: url, configuration: configuration)
        let logger = DirectLogger(label: "bench", sink: sink)
        let total = options.records
        let started = ContinuousClock.now
        let finished = DispatchGroup()
        for thread in 0..<options.threads {
            finished.enter()
            Thread {
                for seq in 0..<total {
                    logger.info("request handled") { fields in
                        fields.int("thread", thread)
                        fields.int("user_id", seq)
                        fields.string("path") {
                            $0.append("/api/v1/items/"); $0.append(seq)
                        }
                        fields.double("latency", Double(seq % 1000) / 1000)
                    }
                }
                finished.leave()
            }.start()
        }
        finished.wait()
        sink.close()
        let elapsed = ContinuousClock.now - started
        var result = Result(
            url: url, threads: options.threads, records: options.threads * total,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            statistics: sink.statistics)
        if let peer = options.syslogPeer {
            result.peerLine = try Self.runPeer(peer, url: url, records: options.threads * total)
        }
        return result
    }

    /// Runs `peer URL N` and returns the last line it printed.
    private static func runPeer(_ path: String, url: String, records: Int) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [url, String(records)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = (try? output.fileHandleForReading.readToEnd()) ?? Data()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init)
    }
}
