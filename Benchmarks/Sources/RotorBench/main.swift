import Foundation

// rotor-bench: one benchmark case per run, one JSON line of results on standard output.
// See BENCHMARKS.md at the package root, and `rotor-bench --help`.

/// Writes a line to standard error with write(2) (FileHandle's legacy `write(_:)` traps on error).
func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
}

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.sink == .syslog {
        let result = try SyslogBench(options: options).run()
        print(result.jsonLine)
        exit(result.complete ? 0 : 1)
    }
    let result = try BenchRun(options: options).run()
    print(result.jsonLine)
    exit(result.verified ? 0 : 1)
} catch let error as BenchUsageError {
    printError("rotor-bench: \(error)")
    exit(2)
} catch {
    printError("rotor-bench: \(error)")
    exit(1)
}
