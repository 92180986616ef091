// rotor-stress: the stress writer that the crash and stress tests drive as a child process.
// See StressOptions.usage for the flags; exit status 0 = every record written, 1 = a run-time
// failure or lost records, 2 = a command-line mistake or a flag whose feature does not exist yet.
import RotorLibc

func printError(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--help"] || arguments == ["-h"] {
    print(StressOptions.usage)
    exit(0)
}

let options: StressOptions
do {
    options = try StressOptions.parse(arguments)
} catch {
    printError("rotor-stress: \(error)")
    printError(StressOptions.usage)
    exit(2)
}

do {
    let summary = try StressRun(options: options).run()
    print(summary.jsonLine)
    if !summary.isComplete {
        printError("rotor-stress: incomplete run: \(summary.shortfallDescription)")
        exit(1)
    }
} catch {
    printError("rotor-stress: \(error)")
    exit(1)
}
