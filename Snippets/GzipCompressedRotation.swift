// Retention and Compression, "Compression": a rotating sink that gzips its archives.
// `ExamplesTests` runs it in an empty directory.
// snippet.hide
import Rotor
// snippet.show

let sink = try RotatingFileSink(
    path: "logs/app.log", formatter: JSONFormatter(), strategy: try SizeRotation(maxBytes: 10 << 20),
    compression: try GzipCompressor(level: 6), options: FileSinkConfiguration(createDirectories: true))
// snippet.hide
sink.log(LogRecord(timestamp: .now(), level: .info, label: "app", message: "compressed when rotated"))
sink.close()
