// Getting Started, "Without swift-log": a rotating file sink fed `LogRecord`s directly, in a
// directory that does not exist yet. `ExamplesTests` runs it in an empty directory.
import Rotor

let sink = try RotatingFileSink(
    path: "logs/app.log", formatter: JSONFormatter(), strategy: try SizeRotation(maxBytes: 10 << 20),
    options: FileSinkConfiguration(createDirectories: true))
sink.log(LogRecord(timestamp: .now(), level: .info, label: "app", message: "started"))
sink.close()
