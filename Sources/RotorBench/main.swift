import Foundation

// rotor-bench: one benchmark case per run, one JSON line of results on standard output.
// See BENCHMARKS.md at the package root, and `rotor-bench --help`.
do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let result = try BenchRun(options: options).run()
    print(result.jsonLine)
    exit(result.verified ? 0 : 1)
} catch let error as BenchUsageError {
    FileHandle.standardError.write(Data("rotor-bench: \(error)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("rotor-bench: \(error)\n".utf8))
    exit(1)
}
