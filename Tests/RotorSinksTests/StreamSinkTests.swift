import Foundation
import RotorCore
import RotorSinks
import RotorTestKit
import Testing

@Suite struct StreamSinkTests {
    @Test func recordsFromManyThreadsReachStandardErrorWholeAndInOrderPerThread() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/stderr.txt"
            let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            #expect(file >= 0)
            let saved = dup(2)
            dup2(file, 2)
            let sink = StreamSink(.standardError, formatter: PlainLineFormatter())
            let padding = String(repeating: "s", count: 2_000)  // longer than PIPE_BUF
            DispatchQueue.concurrentPerform(iterations: 4) { t in
                for i in 0..<500 { sink.log(record("stream t\(t) s\(i) \(padding)")) }
            }
            dup2(saved, 2)
            close(saved)
            close(file)
            sink.close()
            sink.log(record("after close"))
            // Other tests may have written to standard error meanwhile: look only at our lines.
            let ours = try lines(of: path).filter { $0.hasPrefix("info stream ") }
            #expect(ours.count == 2_000)
            var next = [0, 0, 0, 0]
            for line in ours {
                let parts = line.split(separator: " ")
                #expect(parts.count == 5 && parts[4] == Substring(padding))
                let t = Int(parts[2].dropFirst())!, s = Int(parts[3].dropFirst())!
                #expect(s == next[t])
                next[t] = s + 1
            }
            #expect(sink.statistics.recordsWritten == 2_000)
            #expect(sink.statistics.recordsDropped[.closed] == 1)
        }
    }
}
