import Dispatch
import Foundation

/// One log file split into lines and parsed; files are parsed in parallel, then checked in order.
struct ParsedLogFile: Sendable {
    var file: String
    var byteCount: Int
    var lines: [ParsedLine]
    var tornLines: [TornLine]

    /// Parses `files` of `directory` on all cores; the result is in the order of `files`.
    ///
    /// - Throws: When a file cannot be read.
    static func parseAll(_ files: [String], in directory: String, expectedPad: Int?) throws -> [ParsedLogFile] {
        let results = ResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let path = directory + "/" + files[index]
            let result: Result<ParsedLogFile, CocoaError>
            if path.hasSuffix(".gz") {
                // gzip -dc checks the CRC and length trailer: an archive that is not intact fails here.
                if let data = decompress(path) {
                    result = .success(parse(data, file: files[index], expectedPad: expectedPad))
                } else {
                    result = .failure(CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path]))
                }
            } else if let data = FileManager.default.contents(atPath: path) {
                result = .success(parse(data, file: files[index], expectedPad: expectedPad))
            } else {
                result = .failure(CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]))
            }
            results.store(result, at: index)
        }
        return try results.all().map { try $0!.get() }
    }

    /// The content of a gzip file, or nil if `gzip -dc` fails on it.
    static func decompress(_ path: String) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    /// The workers' results, guarded by an `NSLock`: a pthread mutex, which ThreadSanitizer
    /// understands (with `Synchronization.Mutex` here it reported the guarded stores as a race).
    private final class ResultSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<ParsedLogFile, CocoaError>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ result: Result<ParsedLogFile, CocoaError>, at index: Int) {
            lock.lock()
            defer { lock.unlock() }
            slots[index] = result
        }

        func all() -> [Result<ParsedLogFile, CocoaError>?] {
            lock.lock()
            defer { lock.unlock() }
            return slots
        }
    }

    /// Parses one file's contents.
    static func parse(_ data: Data, file: String, expectedPad: Int?) -> ParsedLogFile {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let lines = LineSplitter.lines(of: bytes)
            let parsed = lines.map {
                RecordShape.parse(UnsafeBufferPointer(rebasing: bytes[$0.range]), expectedPad: expectedPad)
            }
            var torn: [TornLine] = []
            for (index, result) in parsed.enumerated() {
                guard case .unparsable = result else { continue }
                let line = lines[index]
                torn.append(
                    TornLine(
                        file: file, lineNumber: index + 1, offset: line.range.lowerBound,
                        isLastLine: index == lines.count - 1, isUnterminated: !line.isTerminated,
                        runBefore: parsed[..<index].reversed().lazy.compactMap(\.run).first,
                        runAfter: index + 1 < parsed.count ? parsed[index + 1].run : nil,
                        excerpt: String(decoding: bytes[line.range].prefix(60), as: UTF8.self)))
            }
            return ParsedLogFile(file: file, byteCount: bytes.count, lines: parsed, tornLines: torn)
        }
    }
}
