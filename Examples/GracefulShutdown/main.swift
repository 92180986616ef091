// A server-style program: a ServiceGroup runs a request handler and LogSinkService, so that a
// graceful shutdown (SIGTERM, SIGINT — or here, a timer after two seconds) drains the async
// sink's queue into the rotating file before the process exits.
// Run with `swift run GracefulShutdownExample [directory]`.
import Foundation
import Logging
import Rotor
import RotorServiceLifecycle
import ServiceLifecycle
import UnixSignals

let directory = CommandLine.arguments.dropFirst().first ?? "rotor-shutdown-example-logs"
try? FileManager.default.removeItem(atPath: directory)

let file = try RotatingFileSink(
    path: directory + "/server.log", formatter: JSONFormatter(fields: []),
    strategy: SizeRotation(maxBytes: 64 * 1024), compression: GzipCompressor(),
    options: FileSinkConfiguration(createDirectories: true))
let logs = try AsyncSink(wrapping: file, configuration: AsyncSinkConfiguration(overflow: .block, flushLevel: .error))
let logger = Logger(label: "example.server", factory: RotorLoggingSystem.makeFactory(sink: logs))

let group = ServiceGroup(configuration: .init(
    services: [
        // First: a ServiceGroup shuts services down in reverse order, so the logs close last,
        // after every service that writes to them has stopped.
        .init(service: LogSinkService(logs)),
        .init(service: RequestSimulator(logger: logger)),
    ],
    gracefulShutdownSignals: [.sigterm, .sigint],
    logger: Logger(label: "service-group", factory: { _ in SwiftLogNoOpLogHandler() })))

let stopper = Task {
    try await Task.sleep(for: .seconds(2))
    await group.triggerGracefulShutdown()
}
try await group.run()
stopper.cancel()

let written = file.statistics.recordsWritten
let lines = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
print("graceful shutdown drained \(logs.statistics.recordsWritten) records (\(logs.statistics.totalRecordsDropped) dropped);")
print("\(written) records reached \(directory):")
for name in lines { print("  " + name) }
