import RotorCompression
import RotorCore
import RotorRotation

/// What `rotor stats` reports, in a form that encodes to the `--json` output.
struct StatsReport: Encodable {
    /// The active file.
    struct Active: Encodable {
        var path: String
        var bytes: Int64
    }

    /// One rotation's archive.
    struct Archive: Encodable {
        /// The rotation time from the name (RFC 3339, milliseconds).
        var rotatedAt: String
        var sequence: Int
        /// `plain`, `gzip`, or `plain+gzip` (an interrupted compression).
        var state: String
        var files: [String]
        var bytesOnDisk: Int64
        /// The plain file's size, else the `.gz`'s, counted by decompressing it; `nil` when the
        /// `.gz` was not decompressed (`--quick`) or is damaged.
        var uncompressedBytes: Int64?
        /// Uncompressed bytes per compressed byte, for an intact `.gz`.
        var compressionRatio: Double?
        /// Whether the `.gz` decompressed to its end with valid checksums; `nil` without a `.gz`
        /// or when it was not decompressed (`--quick`).
        var gzipIntact: Bool?
        /// What is wrong with a damaged `.gz`.
        var gzipProblem: String?
    }

    /// Sums over the archives.
    struct Totals: Encodable {
        var archives: Int
        var compressed: Int
        var plain: Int
        var bytesOnDisk: Int64
        /// The sum over the archives; `nil` when an archive's uncompressed size is unknown.
        var uncompressedBytes: Int64?
        /// Uncompressed bytes per compressed byte over the intact `.gz`-only archives.
        var compressionRatio: Double?
    }

    /// The time the log covers.
    struct Span: Encodable {
        /// The first record's timestamp (oldest file), else the oldest rotation time.
        var first: String?
        /// The last record's timestamp (active file), else the newest rotation time.
        var last: String?
        var seconds: Double?
    }

    /// An unexpected entry.
    struct Unexpected: Encodable {
        var file: String
        var kind: String
        var bytes: Int64
    }

    var log: String
    var active: Active?
    var totals: Totals
    var span: Span
    var stateFile: Bool
    var unexpected: [Unexpected]

    /// The scan the report is about; its generations are the archives, in order.
    let directory: LogDirectory
    /// What decompressing each generation's `.gz` found, by generation index: compact, so that
    /// the report holds no name nor text per archive (issue 19). An ``Archive`` is built only when
    /// printed (``archive(at:)``).
    private var measurements: [Measurement]
    /// The damaged `.gz` problems, by generation index (rare).
    private var gzipProblems: [Int: String] = [:]

    /// The outcome of decompressing one generation's `.gz`.
    private struct Measurement {
        /// The size the `.gz` decompressed to, -1 when unknown.
        var gzipBytes: Int64 = -1
        /// `nil` when the `.gz` was not decompressed (none, `--quick`, or deleted meanwhile).
        var gzipIntact: Bool?

        /// The plain file's size, else the `.gz`'s decompressed size, if known.
        func uncompressedBytes(of generation: LogDirectory.Generation) -> Int64? {
            generation.plain?.size ?? (gzipBytes >= 0 ? gzipBytes : nil)
        }
    }

    /// The number of archives (rotations).
    var archiveCount: Int { directory.generations.count }

    /// Builds the report from a scan.
    ///
    /// - Parameters:
    ///   - directory: The scan.
    ///   - decompress: Whether to decompress each `.gz` to count its size (see
    ///     ``gzipSize(_:)``); without it, the uncompressed size of a `.gz` is unknown.
    init(_ directory: LogDirectory, decompress: Bool) {
        let location = directory.location
        self.directory = directory
        log = location.activePath
        active = directory.active.map { Active(path: location.activePath, bytes: $0.size) }
        stateFile = directory.hasStateFile
        measurements = []
        measurements.reserveCapacity(directory.generations.count)
        var totals = Totals(
            archives: directory.generations.count, compressed: 0, plain: 0, bytesOnDisk: 0, uncompressedBytes: 0)
        var gzipDisk: Int64 = 0
        var gzipOriginal: Int64 = 0
        for (index, generation) in directory.generations.enumerated() {
            var measurement = Measurement()
            if decompress, generation.compressed != nil {
                switch Self.gzipSize(location.archivePath(generation.id, .compressed)) {
                case .success(let size):
                    measurement.gzipIntact = true
                    measurement.gzipBytes = size
                case .failure(let problem):
                    measurement.gzipIntact = false
                    gzipProblems[index] = problem.message
                case nil:
                    break  // deleted meanwhile (by retention, say): nothing to report
                }
            }
            measurements.append(measurement)
            totals.bytesOnDisk += (generation.plain?.size ?? 0) + (generation.compressed?.size ?? 0)
            let original = measurement.uncompressedBytes(of: generation)
            totals.uncompressedBytes = original.flatMap { size in totals.uncompressedBytes.map { $0 + size } }
            if let compressed = generation.compressed {
                totals.compressed += 1
                if let original, generation.plain == nil {
                    gzipDisk += compressed.size
                    gzipOriginal += original
                }
            } else {
                totals.plain += 1
            }
        }
        if gzipDisk > 0 && gzipOriginal > 0 { totals.compressionRatio = Double(gzipOriginal) / Double(gzipDisk) }
        self.totals = totals
        span = Self.span(directory)
        unexpected = directory.oddities.map {
            Unexpected(file: location.path(of: $0.name), kind: $0.kind.rawValue, bytes: $0.size)
        }
        for generation in directory.generations where generation.plain != nil && generation.compressed != nil {
            unexpected.append(
                Unexpected(
                    file: location.archivePath(generation.id, .compressed),
                    kind: "interrupted compression (both .log and .log.gz)",
                    bytes: generation.compressed!.size))
        }
        for (index, problem) in gzipProblems.sorted(by: { $0.key < $1.key }) {
            let generation = directory.generations[index]
            guard let compressed = generation.compressed else { continue }
            unexpected.append(
                Unexpected(
                    file: location.archivePath(generation.id, .compressed), kind: "damaged gzip: \(problem)",
                    bytes: compressed.size))
        }
    }

    /// The archive at `index` (oldest first), as printed.
    func archive(at index: Int) -> Archive {
        let generation = directory.generations[index]
        let measurement = measurements[index]
        let files = generation.readOrder
        let state =
            switch (generation.plain != nil, generation.compressed != nil) {
            case (true, true): "plain+gzip"
            case (false, true): "gzip"
            default: "plain"
            }
        var archive = Archive(
            rotatedAt: RFC3339.format(Instant(milliseconds: generation.id.millisecondsSinceEpoch)),
            sequence: generation.id.sequence, state: state,
            files: files.map { directory.path(of: $0, in: generation) },
            bytesOnDisk: files.reduce(0) { $0 + $1.size },
            uncompressedBytes: measurement.uncompressedBytes(of: generation))
        archive.gzipIntact = measurement.gzipIntact
        archive.gzipProblem = gzipProblems[index]
        if measurement.gzipIntact == true, let compressed = generation.compressed,
            compressed.size > 0 && measurement.gzipBytes > 0
        {
            archive.compressionRatio = Double(measurement.gzipBytes) / Double(compressed.size)
        }
        return archive
    }

    private enum CodingKeys: String, CodingKey {
        case log, active, archives, totals, span, stateFile, unexpected
    }

    /// Encodes the report with an empty `archives` array; ``Stats`` streams the archives into it
    /// one by one (see ``archive(at:)``), so that no encoder holds them all.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(log, forKey: .log)
        try container.encodeIfPresent(active, forKey: .active)
        try container.encode([Archive](), forKey: .archives)
        try container.encode(totals, forKey: .totals)
        try container.encode(span, forKey: .span)
        try container.encode(stateFile, forKey: .stateFile)
        try container.encode(unexpected, forKey: .unexpected)
    }

    /// What decompressing a `.gz` found.
    struct GzipProblem: Error {
        var message: String
    }

    /// The uncompressed size of a `.gz`, counted by decompressing it to its end (bounded memory).
    ///
    /// The size trailer (ISIZE, the last four bytes) is not read on its own: in a truncated or
    /// damaged file those bytes are whatever data was cut there, so a 300-byte fragment could claim
    /// gigabytes; and it only holds the size modulo 4 GiB. Decompressing checks the file as
    /// `verify` does and counts every byte.
    ///
    /// - Returns: The size, the problem when the file is damaged or unreadable, or `nil` when it
    ///   no longer exists.
    static func gzipSize(_ path: String) -> Result<Int64, GzipProblem>? {
        do {
            return .success(try GzipReader(path: path).forEachChunk { _ in })
        } catch let error as CompressionError where error.code == .sourceMissing {
            return nil
        } catch let error as CompressionError {
            return .failure(GzipProblem(message: error.message + (error.cause.map { ": \($0)" } ?? "")))
        } catch {
            return .failure(GzipProblem(message: "\(error)"))
        }
    }

    /// From the first record of the oldest file to the last record of the active file.
    private static func span(_ directory: LogDirectory) -> Span {
        var first: Instant?
        if let oldest = directory.generations.first {
            first =
                firstTimestamp(LogSource(oldest, of: directory.location))
                ?? Instant(milliseconds: oldest.id.millisecondsSinceEpoch)
        } else if directory.active != nil {
            first = firstTimestamp(LogSource(activePath: directory.location.activePath))
        }
        var last = directory.active != nil ? lastTimestamp(directory.location.activePath) : nil
        if last == nil, let newest = directory.generations.last {
            last = Instant(milliseconds: newest.id.millisecondsSinceEpoch)
        }
        var seconds: Double?
        if let first, let last {
            seconds = Double(last.seconds - first.seconds) + Double(last.nanoseconds - first.nanoseconds) / 1e9
        }
        return Span(first: first.map(RFC3339.format), last: last.map(RFC3339.format), seconds: seconds)
    }

    /// The `timestamp` of the first line of a source, read no further than that line.
    private static func firstTimestamp(_ source: LogSource) -> Instant? {
        struct Stop: Error {}
        var splitter = LineSplitter(maxLineBytes: 1 << 20)
        var found: Instant?
        _ = try? source.read { chunk in
            try splitter.feed(chunk) { line in
                found = timestamp(of: line.bytes)
                throw Stop()
            }
        }
        return found
    }

    /// The `timestamp` of the last complete line of the active file.
    private static func lastTimestamp(_ path: String) -> Instant? {
        guard case .success(let fd) = FileSystem.openForReading(path) else { return nil }
        defer { FileSystem.close(fd) }
        guard case .success(let info) = FileSystem.info(of: fd), info.size > 0,
            let end = try? Backlog.endOfLastCompleteLine(fd, path: path, end: info.size),
            let lines = try? Backlog.lastLines(ofDescriptor: fd, path: path, end: end, count: 1, maxLineBytes: 1 << 20),
            let line = lines.last
        else { return nil }
        return line.bytes.withUnsafeBytes { timestamp(of: $0) }
    }

    private static func timestamp(of bytes: UnsafeRawBufferPointer) -> Instant? {
        guard let record = try? StrictJSONParser.parse(bytes), let text = record["timestamp"]?.stringValue else {
            return nil
        }
        return RFC3339.parse(text)
    }
}
