// RotorLoggingSystem.makeFactory's documentation: Rotor beside swift-log's StreamLogHandler in one
// MultiplexLogHandler, with a global metadata provider that reaches both. `ExamplesTests` runs it
// in an empty directory and compares what the two handlers wrote.
import Logging
import Rotor

let sink = try FileSink(
    path: "logs/app.log", formatter: JSONFormatter(), options: FileSinkConfiguration(createDirectories: true))
let rotor = RotorLoggingSystem.makeFactory(sink: sink)
LoggingSystem.bootstrap({ label, provider in
    MultiplexLogHandler([StreamLogHandler.standardOutput(label: label, metadataProvider: provider), rotor(label)])
}, metadataProvider: .init { ["request-id": "42"] })

Logger(label: "shop").info("handled", metadata: ["path": "/items"])
sink.close()
