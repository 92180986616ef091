// The first example of the README and of the Getting Started article: swift-log writes to
// rotating, gzipped per-level files. `ExamplesTests` runs it in an empty directory.
import Logging
import Rotor

// logs/app_info.log, logs/app_warning.log, … rotating at 10 MiB or midnight UTC, gzipped, 14 kept.
let files = try RotorLoggingSystem.bootstrapPerLevelFiles(
    in: "logs",
    strategy: AnyOfRotation(try SizeRotation(maxBytes: 10 << 20), TimeRotation.daily()),
    compression: GzipCompressor(), retention: try KeepCountRetention(14))

let logger = Logger(label: "com.example.shop")
logger.info("request handled", metadata: ["path": "/api/v1/items/7", "latency_ms": "12.5"])
logger.error("payment provider unavailable")
files.close()   // at shutdown
// logs/app_info.2026-11-21T14-30-22.123Z.001.log.gz  ← an archive, name order = time order
