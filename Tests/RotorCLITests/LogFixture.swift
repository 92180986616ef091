import Foundation
import Logging
import RotorCompression
import RotorCore
import RotorFormatters
import RotorRotation
import RotorSinks

/// Builds log directories for the tests: genuine output of `RotatingFileSink`, plus hand-made
/// archives, damaged files and foreign files.
enum LogFixture {
    /// 2026-11-21T14:00:00Z, the timestamp of record 0; record `i` is `i` seconds later.
    static let epochSeconds: Int64 = 1_795_269_600

    /// Record `i`: message `record <i>`, metadata `n = i`, level `error` every 7th, else `info`.
    static func record(_ index: Int) -> LogRecord {
        LogRecord(
            timestamp: LogTimestamp(secondsSinceEpoch: epochSeconds + Int64(index)),
            level: index % 7 == 0 ? .error : .info,
            label: "test",
            message: "record \(index)",
            metadata: ["n": "\(index)"])
    }

    /// The JSON line `JSONFormatter()` makes for record `i`, without its newline.
    static func line(_ index: Int) -> String {
        var bytes = LogBuffer()
        JSONFormatter().format(record(index), into: &bytes)
        bytes.truncate(to: bytes.count - 1)
        return bytes.text
    }

    /// A rotating sink on `dir/<base>` (`dir/app.log` by default) writing JSON lines.
    static func sink(
        in dir: String, base: String = "app.log", maxBytes: Int64, compress: Bool
    ) throws -> RotatingFileSink {
        try RotatingFileSink(
            path: dir + "/" + base, formatter: JSONFormatter(), strategy: SizeRotation(maxBytes: maxBytes),
            compression: compress ? GzipCompressor() : nil)
    }

    /// Writes records `range` with a real sink (rotating every ~`maxBytes`), waits for its
    /// background compression (so every archive is a `.gz` when `compress`), then closes it.
    static func write(
        _ range: Range<Int>, in dir: String, base: String = "app.log", maxBytes: Int64 = 2_000, compress: Bool = true
    ) throws {
        let sink = try sink(in: dir, base: base, maxBytes: maxBytes, compress: compress)
        for index in range { sink.log(record(index)) }
        sink.waitForBackgroundWork()
        sink.close()
    }

    /// The archive file names of `dir/app.log` (plain, `.gz`, `.gz.tmp`), sorted.
    static func archives(in dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { TimestampArchiveNaming().parse(fileName: $0, base: "app.log") != nil }
            .sorted()
    }

    /// Decompresses `dir/name` (a `.gz`) into the plain archive and removes the `.gz`.
    static func decompress(_ name: String, in dir: String, keepCompressed: Bool = false) throws {
        var content: [UInt8] = []
        try GzipReader(path: dir + "/" + name).forEachChunk { content.append(contentsOf: $0) }
        let plain = String(name.dropLast(3))
        try Data(content).write(to: URL(fileURLWithPath: dir + "/" + plain))
        if !keepCompressed { try FileManager.default.removeItem(atPath: dir + "/" + name) }
    }

    /// The archive name of a hand-made archive rotated at `seconds` after the epoch of record 0.
    static func archiveName(atSecond seconds: Int64, sequence: Int = 1, compressed: Bool = false) -> String {
        let id = ArchiveID(millisecondsSinceEpoch: (epochSeconds + seconds) * 1000, sequence: sequence)
        return TimestampArchiveNaming().fileName(for: id, base: "app.log", state: compressed ? .compressed : .plain)
    }

    /// Writes the lines of `records` into `dir/name`, gzipped when `name` ends in `.gz`.
    static func writeArchive(_ name: String, records: Range<Int>, in dir: String) throws {
        let text = records.map { line($0) + "\n" }.joined()
        let path = dir + "/" + name
        if name.hasSuffix(".gz") {
            let plain = dir + "/.staging-" + UUID().uuidString
            try Data(text.utf8).write(to: URL(fileURLWithPath: plain))
            _ = try GzipCompressor().compress(from: plain, to: path)
            try FileManager.default.removeItem(atPath: plain)
        } else {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Writes raw bytes to `dir/name`.
    static func writeFile(_ name: String, _ bytes: some Sequence<UInt8>, in dir: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
    }

    /// The record numbers in `cat --json`-style output lines (`"message":"record N"`).
    static func recordNumbers(_ lines: [String]) -> [Int] {
        lines.compactMap { line in
            guard let range = line.range(of: "\"message\":\"record ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
    }

    /// The names in `dir`, sorted.
    static func entries(of dir: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: dir))
    }
}
