import Foundation
import RotorTestKit
import Testing

/// What `cat` prints on a terminal, where standard output and error interleave: an error never
/// shares a line with output, and a skipped line makes the exit status 1.
@Suite struct OutputSeparationTests {
    @Test func catFailsAfterSkippingALineOverTheLimit() throws {
        try withTemporaryDirectory { dir in
            let long = #"{"message":""# + String(repeating: "x", count: 5_000) + #""}"#
            let content = [LogFixture.line(0), long, LogFixture.line(1)].map { $0 + "\n" }.joined()
            try LogFixture.writeFile("app.log", Array(content.utf8), in: dir)
            let outcome = try RotorBinary.run(["cat", "--json", "--max-line-bytes", "1000", dir + "/app.log"])
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.lines == [LogFixture.line(0), LogFixture.line(1)])
            #expect(outcome.standardError == "rotor: warning: \(dir)/app.log:2: line longer than 1000 bytes, skipped\n")
        }
    }

    @Test func errorsNeverShareALineWithOutput() throws {
        try withTemporaryDirectory { dir in
            // An archive whose last line is torn and longer than the output buffer (64 KiB), then a
            // line over the limit; a damaged .gz; an active file with a torn last line.
            let big = #"{"message":""# + String(repeating: "b", count: 100_000)
            let plain = [LogFixture.line(0), big].joined(separator: "\n")  // no final newline
            try LogFixture.writeFile(LogFixture.archiveName(atSecond: 5), Array(plain.utf8), in: dir)
            let gz = LogFixture.archiveName(atSecond: 10, compressed: true)
            try LogFixture.writeArchive(gz, records: 1..<50, in: dir)
            let damaged = try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/" + gz))).dropLast(30)
            try LogFixture.writeFile(gz, damaged, in: dir)
            let huge = #"{"message":""# + String(repeating: "h", count: 300_000) + #""}"#
            let activeLines = [
                String(repeating: "a", count: 70_000), huge, LogFixture.line(60), #"{"timestamp":"2026-11"#,
            ]
            try LogFixture.writeFile("app.log", Array(activeLines.joined(separator: "\n").utf8), in: dir)

            let (status, merged) = try RotorBinary.runMerged([
                "cat", "--json", "--max-line-bytes", "200000", dir + "/app.log",
            ])
            #expect(status == 1)
            let lines = merged.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.last == "", "the output ends with a newline")
            let errors = lines.filter { $0.hasPrefix("rotor: ") }
            #expect(errors.count == 2, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("rotor: \(dir)/\(gz): ") })
            #expect(errors.contains("rotor: warning: \(dir)/app.log:2: line longer than 200000 bytes, skipped"))
            // Every other line is exactly one line of the log, whole: nothing glued to it.
            let written = Set([LogFixture.line(0), big] + (1..<50).map(LogFixture.line) + activeLines)
            for line in lines.dropLast() where !line.hasPrefix("rotor: ") {
                let whole = written.contains(line)
                #expect(whole, "a line was changed: \(line.prefix(80))…\(line.suffix(80))")
            }
            let printed = Set(lines)
            let longAndTornLinesPrinted = [big, activeLines[0], activeLines[3]].allSatisfy(printed.contains)
            #expect(longAndTornLinesPrinted)
        }
    }
}
