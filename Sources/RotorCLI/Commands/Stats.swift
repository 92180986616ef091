import ArgumentParser
import Foundation

/// `rotor stats PATH`: archives, sizes, compression, time span and unexpected files.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise a log: archives, sizes, compression ratios, time span, unexpected files.",
        discussion: """
            Lists the archives oldest first with their size on disk, uncompressed size and \
            compression ratio (uncompressed bytes per compressed byte); the time span from the \
            first record of the oldest file to the last record of the active file; and anything \
            unexpected: .gz.tmp and .<log>.rotor-next-* leftovers, rotations present both plain \
            and compressed, damaged .gz files, and look-alike names (such as app.log.1) that Rotor \
            never reads or deletes. --json prints the same as one JSON object.

            The uncompressed size of a .gz is counted by decompressing it to its end (streamed, \
            in bounded memory), which also checks it as verify does. The size trailer at the end \
            of a gzip file is never trusted on its own: a truncated file ends in arbitrary bytes \
            (a 300-byte fragment could claim a gigabyte), and the trailer only holds the size \
            modulo 4 GiB. A damaged .gz is listed under unexpected, with its size unknown. \
            With --quick, no .gz is decompressed: stats then reads only the first record of the \
            oldest file and the end of the active file, and the uncompressed size and ratio of \
            each .gz are shown as unknown (-).
            """)

    @Argument(help: "The active log file (e.g. logs/app.log), or a directory holding one log.")
    var path: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Do not decompress .gz archives; their uncompressed size and ratio are then unknown.")
    var quick = false

    func run() throws {
        let location = try LogLocation.resolve(path)
        let directory = try LogDirectory.stableScan(location)
        guard directory.active != nil || !directory.generations.isEmpty else {
            throw CLIError.noInput("\(location.activePath): no such log (no active file and no archive)")
        }
        let report = StatsReport(directory, decompress: !quick)
        let output = OutputBuffer()
        defer { output.flush() }
        if json {
            try writeJSON(report, to: output)
        } else {
            write(report, to: output)
        }
    }

    private func write(_ report: StatsReport, to output: OutputBuffer) {
        output.writeLine("log:       \(report.log)")
        if let active = report.active {
            output.writeLine("active:    \(Self.size(active.bytes))")
        } else {
            output.writeLine("active:    missing")
        }
        let totals = report.totals
        var summary =
            "archives:  \(totals.archives) (\(totals.compressed) gzip, \(totals.plain) plain), \(Self.size(totals.bytesOnDisk)) on disk"
        if let ratio = totals.compressionRatio { summary += ", gzip ratio \(Self.ratio(ratio))" }
        output.writeLine(summary)
        if let first = report.span.first, let last = report.span.last, let seconds = report.span.seconds {
            output.writeLine("span:      \(first) to \(last) (\(Self.duration(seconds)))")
        }
        output.writeLine("state:     \(report.stateFile ? "present" : "none")")
        if quick && totals.compressed > 0 {
            output.writeLine("gzip:      not decompressed (--quick): uncompressed sizes unknown")
        }
        if report.archiveCount > 0 {
            output.writeLine("")
            output.writeLine(Self.row("ROTATED AT", "SEQ", "STATE", "ON DISK", "UNCOMPRESSED", "RATIO", "FILE"))
            for index in 0..<report.archiveCount {
                let archive = report.archive(at: index)  // one at a time: rows are not held
                output.writeLine(
                    Self.row(
                        archive.rotatedAt, String(archive.sequence), archive.state, Self.size(archive.bytesOnDisk),
                        archive.uncompressedBytes.map(Self.size) ?? "-",
                        archive.compressionRatio.map(Self.ratio) ?? "-",
                        archive.files.map(Self.lastComponent).joined(separator: " + ")))
            }
        }
        if !report.unexpected.isEmpty {
            output.writeLine("")
            output.writeLine("unexpected:")
            for entry in report.unexpected {
                output.writeLine("  \(entry.file)  \(entry.kind), \(Self.size(entry.bytes))")
            }
        }
    }

    /// The file name of an archive's path: what follows its last `/` (an archive name has none).
    private static func lastComponent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// Writes the report as one pretty-printed JSON object (sorted keys), the archives streamed.
    ///
    /// The report encodes with an empty `archives` array; each archive is encoded on its own
    /// (with the same encoder settings), indented to its depth and written in its place. The
    /// bytes are those of encoding the whole report at once, without holding every archive in
    /// the encoder.
    private func writeJSON(_ report: StatsReport, to output: OutputBuffer) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let whole = Array(try encoder.encode(report))
        let key = Array("\"archives\" : [".utf8)
        guard report.archiveCount > 0, let open = Self.firstRange(of: key, in: whole),
            let close = whole[open.upperBound...].firstIndex(of: UInt8(ascii: "]"))
        else {
            output.write(whole)
            output.writeLine("")
            return
        }
        output.write(Array(whole[..<open.upperBound]))
        let indent = Array("\n    ".utf8)
        for index in 0..<report.archiveCount {
            let encoded = try encoder.encode(report.archive(at: index))
            var piece = index == 0 ? indent : [UInt8(ascii: ",")] + indent
            piece.reserveCapacity(encoded.count + 256)
            for byte in encoded {
                if byte == UInt8(ascii: "\n") { piece += indent } else { piece.append(byte) }
            }
            output.write(piece)
        }
        output.write(Array("\n  ".utf8))
        output.write(Array(whole[close...]))
        output.writeLine("")
    }

    /// The first occurrence of `needle` in `bytes`.
    private static func firstRange(of needle: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle)
        {
            return start..<(start + needle.count)
        }
        return nil
    }

    private static func row(_ columns: String...) -> String {
        let widths = [24, 4, 11, 11, 13, 7]
        var text = ""
        for (index, column) in columns.enumerated() {
            text += column
            if index < widths.count { text += String(repeating: " ", count: max(1, widths[index] - column.count + 1)) }
        }
        return text
    }

    /// `123 B`, `1.5 KiB`, `12.0 MiB`…
    static func size(_ bytes: Int64) -> String {
        guard bytes >= 1024 else { return "\(bytes) B" }
        var value = Double(bytes)
        for unit in ["KiB", "MiB", "GiB", "TiB"] {
            value /= 1024
            if value < 1024 || unit == "TiB" { return String(format: "%.1f", value) + " " + unit }
        }
        return "\(bytes) B"
    }

    private static func ratio(_ value: Double) -> String { String(format: "%.1fx", value) }

    private static func duration(_ seconds: Double) -> String {
        var rest = Int64(seconds.rounded(.down))
        let days = rest / 86_400
        rest %= 86_400
        let parts = [(days, "d"), (rest / 3600, "h"), (rest / 60 % 60, "m"), (rest % 60, "s")]
        let shown = parts.drop { $0.0 == 0 }
        return shown.isEmpty ? "0s" : shown.map { "\($0.0)\($0.1)" }.joined(separator: " ")
    }
}
