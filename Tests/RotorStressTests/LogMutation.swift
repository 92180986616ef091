import Foundation
import Testing

/// A damage done to a correct synthetic log; the verifier must notice every one of them.
enum LogMutation: String, CaseIterable, CustomTestStringConvertible {
    case deleteLineInsideArchive
    case duplicateLineIntoLaterFile
    case swapLinesOfOneStreamBetweenFiles
    case swapLinesOfOneStreamWithinFile
    case swapArchiveNames
    case truncateArchiveMidLine
    case truncateActiveFileMidLine
    case deleteLastRecordOfStream
    case appendLineBeyondSizeLimit
    case leaveTemporaryNextFile
    case leaveCompressionTemporary
    case leaveCompressedArchive
    case alterUserID
    case insertForeignStream

    var testDescription: String { rawValue }

    /// Applies the damage to the log in `directory` whose files are `names` (oldest first).
    func apply(to directory: String, names: [String]) throws {
        func path(_ name: String) -> String { directory + "/" + name }
        func lines(_ name: String) throws -> [String] {
            try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n").map(String.init)
        }
        func write(_ lines: [String], to name: String) throws {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path(name)))
        }
        func writeRaw(_ text: String, to name: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        }
        // Lines 0 and 2 of a file belong to the same stream (two threads, round robin).
        switch self {
        case .deleteLineInsideArchive:
            var archive = try lines(names[1])
            archive.remove(at: 5)
            try write(archive, to: names[1])
        case .duplicateLineIntoLaterFile:
            var later = try lines(names[3])
            later.insert(try lines(names[1])[4], at: 2)
            try write(later, to: names[3])
        case .swapLinesOfOneStreamBetweenFiles:
            var first = try lines(names[0])
            var third = try lines(names[2])
            (first[6], third[6]) = (third[6], first[6])
            try write(first, to: names[0])
            try write(third, to: names[2])
        case .swapLinesOfOneStreamWithinFile:
            var archive = try lines(names[2])
            archive.swapAt(1, 3)
            try write(archive, to: names[2])
        case .swapArchiveNames:
            try FileManager.default.moveItem(atPath: path(names[1]), toPath: path("swap"))
            try FileManager.default.moveItem(atPath: path(names[2]), toPath: path(names[1]))
            try FileManager.default.moveItem(atPath: path("swap"), toPath: path(names[2]))
        case .truncateArchiveMidLine:
            var archive = try lines(names[1])
            let last = archive.removeLast()
            try writeRaw(archive.joined(separator: "\n") + "\n" + last.prefix(last.count / 2), to: names[1])
        case .truncateActiveFileMidLine:
            var active = try lines(names[names.count - 1])
            let last = active.removeLast()
            try writeRaw(active.joined(separator: "\n") + "\n" + last.prefix(40), to: names[names.count - 1])
        case .deleteLastRecordOfStream:
            var active = try lines(names[names.count - 1])
            active.removeLast()
            try write(active, to: names[names.count - 1])
        case .appendLineBeyondSizeLimit:
            var archive = try lines(names[0])
            archive.append(try lines(names[0])[0])
            // A duplicate too, but the size rule must fire on its own: check it is reported.
            try write(archive, to: names[0])
        case .leaveTemporaryNextFile:
            try writeRaw("", to: ".app.log.rotor-next-4242-1")
        case .leaveCompressionTemporary:
            try writeRaw("partial", to: names[0] + ".gz.tmp")
        case .leaveCompressedArchive:
            try writeRaw("\u{1F}\u{8B}", to: names[0].replacingOccurrences(of: ".000Z.", with: ".500Z.") + ".gz")
        case .alterUserID:
            var archive = try lines(names[2])
            archive[3] = archive[3].replacingOccurrences(of: "\"user_id\":\"", with: "\"user_id\":\"9")
            try write(archive, to: names[2])
        case .insertForeignStream:
            var archive = try lines(names[2])
            archive.append(archive[0].replacingOccurrences(of: "\"run\":\"1\"", with: "\"run\":\"7\""))
            try write(archive, to: names[2])
        }
    }

    /// Whether `report` names the damage this mutation did.
    func isDetected(by report: VerificationReport) -> Bool {
        let named = report.problems.contains { problem in
            switch (self, problem) {
            case (.deleteLineInsideArchive, .gap): true
            case (.duplicateLineIntoLaterFile, .duplicate): true
            case (.swapLinesOfOneStreamBetweenFiles, .outOfOrder): true
            case (.swapLinesOfOneStreamWithinFile, .outOfOrder): true
            case (.swapArchiveNames, .outOfOrder): true
            case (.truncateArchiveMidLine, .gap): true
            case (.truncateActiveFileMidLine, .wrongCount): true
            case (.deleteLastRecordOfStream, .wrongCount): true
            case (.appendLineBeyondSizeLimit, .oversizeFile): true
            case (.leaveTemporaryNextFile, .leftover), (.leaveCompressionTemporary, .leftover): true
            case (.leaveCompressedArchive, .unreadableArchive): true
            case (.alterUserID, .malformedRecord): true
            case (.insertForeignStream, .unexpectedStream): true
            default: false
            }
        }
        let leavesTornLine = self == .truncateArchiveMidLine || self == .truncateActiveFileMidLine
        return named && (!leavesTornLine || report.tornLines.count == 1)
    }
}
