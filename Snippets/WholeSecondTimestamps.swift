// Reading Rotor Logs with Tools, "jq": JSON lines whose timestamps are whole seconds in UTC, as
// jq's `fromdateiso8601` reads them. `ExamplesTests` runs it in an empty directory.
// snippet.hide
import Logging
import Rotor
// snippet.show

let files = try RotorLoggingSystem.bootstrapPerLevelFiles(
    in: "logs",
    formatter: JSONFormatter(timestampStyle: try TimestampStyle(fractionalDigits: 0)),
    strategy: try SizeRotation(maxBytes: 10 << 20))
// snippet.hide
Logger(label: "com.example.shop").info("whole seconds")
files.close()
