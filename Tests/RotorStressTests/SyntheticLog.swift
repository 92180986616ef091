import Foundation
import RotorCore
import RotorFormatters
import RotorRotation

@testable import rotor_stress

/// A small, correct stress log laid out by hand (no sink involved), for testing the verifier:
/// records of `streams` interleaved round-robin, `linesPerFile` per file, archives named by
/// ``TimestampArchiveNaming`` one millisecond apart, the last chunk in the active file.
struct SyntheticLog {
    var runs = [1, 2]
    var threads = 2
    var recordsPerStream = 30
    var linesPerFile = 16

    /// The streams and their sizes, as ``LogVerifier/expectedStreams`` wants them.
    var expectedStreams: [StreamKey: Int] {
        var result: [StreamKey: Int] = [:]
        for run in runs { for thread in 0..<threads { result[StreamKey(run: run, thread: thread)] = recordsPerStream } }
        return result
    }

    /// Writes the log into `directory` and returns the file names, oldest first, `app.log` last.
    func write(into directory: String) throws -> [String] {
        let formatter = StressRun.makeFormatter()
        var lines: [[UInt8]] = []
        for run in runs {
            for seq in 0..<recordsPerStream {
                for thread in 0..<threads {
                    var line = LogBuffer()
                    let record = StressRecord.make(
                        run: String(run), thread: thread, seq: seq, pad: "",
                        timestamp: LogTimestamp(secondsSinceEpoch: 1_790_000_000 + Int64(seq)))
                    formatter.format(record, into: &line)
                    lines.append(line.bytes)
                }
            }
        }
        let chunks = stride(from: 0, to: lines.count, by: linesPerFile).map {
            Array(lines[$0..<min($0 + linesPerFile, lines.count)])
        }
        let naming = TimestampArchiveNaming()
        var names: [String] = []
        for (index, chunk) in chunks.enumerated() {
            let name =
                index == chunks.count - 1
                ? "app.log"
                : naming.archiveFileName(
                    for: ArchiveID(millisecondsSinceEpoch: 1_790_000_000_000 + Int64(index), sequence: 1),
                    base: "app.log")
            try Data(chunk.joined()).write(to: URL(fileURLWithPath: directory + "/" + name))
            names.append(name)
        }
        return names
    }

    /// The largest file this layout writes, in bytes, found after writing it into `directory`.
    static func largestFile(in directory: String, names: [String]) throws -> Int64 {
        try names.map { Int64(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)).count) }.max() ?? 0
    }
}
