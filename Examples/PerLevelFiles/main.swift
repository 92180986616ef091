// The main example: per-level JSON log files with size and daily rotation, written through
// swift-log's `Logger`, then a listing of the files it made.
//
//     swift run PerLevelFilesExample [directory]      (default: ./rotor-example-logs)
//
// Compression and retention join this example when their issue lands.
import Foundation
import Logging
import Rotor

let directory = CommandLine.arguments.dropFirst().first ?? "rotor-example-logs"
try? FileManager.default.removeItem(atPath: directory)

// info and notice → app_info.log / app_notice.log, warning and up → one file each;
// each file rotates at 1 MiB or at midnight UTC, whichever comes first.
let files = try RotorLoggingSystem.makePerLevelFiles(
    in: directory,
    levels: .info ... .critical,
    strategy: AnyOfRotation(try SizeRotation(maxBytes: 1024 * 1024), TimeRotation.daily()))
let logger = Logger(label: "com.example.shop", factory: RotorLoggingSystem.makeFactory(sink: files))

// A realistic workload: requests, some slow, a few failures.
for request in 0..<20_000 {
    let latency = Double((request * 7919) % 1000) / 10
    logger.info("request handled", metadata: [
        "request.id": "\(request)", "path": "/api/v1/items/\(request % 500)", "latency_ms": "\(latency)",
    ])
    if latency > 99 {
        logger.warning("slow request", metadata: ["request.id": "\(request)", "latency_ms": "\(latency)"])
    }
    if request % 997 == 0 {
        logger.error("payment provider unavailable", metadata: ["request.id": "\(request)", "attempt": "1"])
    }
}
logger.critical("shutting down", metadata: ["reason": "example finished"])
files.close()

// What it made.
let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
var total = 0
print("Rotor wrote \(names.count) files to \(URL(fileURLWithPath: directory).standardizedFileURL.path):")
for name in names {
    let size = (try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0
    total += size
    print("  \(name.padding(toLength: 56, withPad: " ", startingAt: 0)) \(String(format: "%8d", size)) bytes")
}
print("  \(total) bytes in all; \(files.statistics.recordsWritten) records routed")
