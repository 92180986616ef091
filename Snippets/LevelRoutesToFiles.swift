// Getting Started, "One file, many routes": levels routed to two files. `ExamplesTests` runs it
// in an empty directory.
import Rotor

let options = FileSinkConfiguration(createDirectories: true)
let router = try LevelRouterSink([
    LevelRoute(.trace ... .info, to: try FileSink(path: "logs/app.log", formatter: JSONFormatter(), options: options)),
    LevelRoute(.warning ... .critical, to: try FileSink(path: "logs/error.log", formatter: JSONFormatter(), options: options)),
])
router.log(LogRecord(timestamp: .now(), level: .error, label: "app", message: "disk almost full"))
router.close()
