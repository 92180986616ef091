import Foundation
import RotorRotation

/// Checks a log directory written by `rotor-stress` (or the in-process stress tests): every record
/// of every stream exactly once, in order across the files, no oversize file, no leftover.
///
/// The files are the archives of `base` that ``TimestampArchiveNaming`` recognises, ordered by
/// their parsed ID (which must equal name order), then the active file. Each is split on `\n`;
/// each line must be strict UTF-8 and a JSON object (`JSONSerialization`) with the stress record
/// shape (see ``RecordShape``). Per (run, thread) stream the `seq` values, in file order, must be
/// `0, 1, 2, …` with no duplicate, no gap and no step back.
///
/// Lines that do not parse are reported as ``TornLine``s, separately from the other problems, so
/// that a crash test can allow the torn tails its kills may leave; every other caller requires
/// ``VerificationReport/isClean``.
struct LogVerifier {
    /// The directory that holds the active file and its archives.
    var directory: String
    /// The active file's name.
    var base = "app.log"
    /// The size limit: a file larger than this must hold a single (oversize) record.
    var maxFileBytes: Int64?
    /// When set, exactly these streams with exactly this many records each.
    var expectedStreams: [StreamKey: Int]?
    /// When set, the `pad` field's length in every record (0: no `pad` field).
    var expectedPad: Int?

    private let naming = TimestampArchiveNaming()

    init(
        directory: String, base: String = "app.log", maxFileBytes: Int64? = nil,
        expectedStreams: [StreamKey: Int]? = nil, expectedPad: Int? = nil
    ) {
        self.directory = directory
        self.base = base
        self.maxFileBytes = maxFileBytes
        self.expectedStreams = expectedStreams
        self.expectedPad = expectedPad
    }

    /// Reads the directory and checks every rule.
    ///
    /// - Throws: When the directory or a file cannot be read.
    func verify() throws -> VerificationReport {
        var report = VerificationReport()
        var archives: [ParsedArchiveName] = []
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: directory).sorted() {
            if name.hasPrefix(".\(base).rotor-next-") || name.hasSuffix(".tmp") {
                report.add(.leftover(file: name))
                continue
            }
            guard let parsed = naming.parse(fileName: name, base: base) else { continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path(name), isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            switch parsed.state {
            case .plain: archives.append(parsed)
            case .compressed:
                if ParsedLogFile.decompress(path(name)) == nil {
                    report.add(.unreadableArchive(file: name, reason: "gzip -dc failed: the archive is not intact"))
                } else {
                    archives.append(parsed)
                }
            case .compressing: break  // ends in .tmp: already a leftover
            }
        }
        archives.sort { $0.id < $1.id }
        for (earlier, later) in zip(archives, archives.dropFirst()) where earlier.id == later.id {
            report.add(.generationTwice(plain: earlier.fileName, compressed: later.fileName))
        }
        let archiveNames = archives.map(\.fileName)
        if archiveNames != archiveNames.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            report.add(.nameOrderDiffersFromIDOrder)
        }
        report.files = archiveNames + (manager.fileExists(atPath: path(base)) ? [base] : [])

        var tracker = SequenceTracker()
        for parsed in try ParsedLogFile.parseAll(report.files, in: directory, expectedPad: expectedPad) {
            add(parsed, tracker: &tracker, report: &report)
        }
        tracker.finish(expected: expectedStreams, into: &report)
        return report
    }

    private func path(_ name: String) -> String { directory + "/" + name }

    /// Feeds one file's records to `tracker` and reports its torn lines, malformed records and size.
    private func add(_ parsed: ParsedLogFile, tracker: inout SequenceTracker, report: inout VerificationReport) {
        if let maxFileBytes, Int64(parsed.byteCount) > maxFileBytes, parsed.lines.count > 1 {
            report.add(.oversizeFile(file: parsed.file, bytes: parsed.byteCount, lines: parsed.lines.count))
        }
        for (index, line) in parsed.lines.enumerated() {
            switch line {
            case .record(let key, let seq):
                report.recordCount += 1
                tracker.add(key, seq: seq, file: parsed.file, line: index + 1, report: &report)
            case .malformed(let reason):
                report.add(.malformedRecord(file: parsed.file, line: index + 1, reason: reason))
            case .unparsable:
                break
            }
        }
        report.tornLines += parsed.tornLines
    }
}
