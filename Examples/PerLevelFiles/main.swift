// The main example: per-level JSON log files with size and daily rotation, gzip compression of
// the archives and retention, written through swift-log's `Logger`, then a listing of the files.
//
//     swift run PerLevelFilesExample [directory]      (default: ./rotor-example-logs)
import Foundation
import Logging
import Rotor

let directory = CommandLine.arguments.dropFirst().first ?? "rotor-example-logs"
try? FileManager.default.removeItem(atPath: directory)

// One file per level from info up (app_info.log … app_critical.log). Each rotates at 1 MiB or at
// midnight UTC, whichever comes first; archives are gzipped in the background, and each level
// keeps its 4 newest archives.
let files = try RotorLoggingSystem.makePerLevelFiles(
    in: directory,
    levels: .info ... .critical,
    strategy: AnyOfRotation(try SizeRotation(maxBytes: 1024 * 1024), TimeRotation.daily()),
    compression: GzipCompressor(),
    retention: try KeepCountRetention(4))
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
files.close()   // waits for compression and retention to finish

// What it made.
let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
var total = 0
print("Rotor wrote \(names.count) files to \(URL(fileURLWithPath: directory).standardizedFileURL.path):")
for name in names {
    let size = (try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0
    total += size
    print("  \(name.padding(toLength: 56, withPad: " ", startingAt: 0)) \(String(format: "%8d", size)) bytes")
}
let info = (files.routes.first { $0.levels.contains(.info) }?.sink as? RotatingFileSink)?.statistics
print("  \(total) bytes in all; \(files.statistics.recordsWritten) records routed")
if let info {
    let ratio = info.compressionRatio.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    print("  app_info.log: \(info.rotations) rotations, \(info.compressions) archives gzipped (to \(ratio) of their size), \(info.retentionDeletions) deleted by retention")
}
