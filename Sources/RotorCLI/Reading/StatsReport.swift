import RotorCompression
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
        /// The plain size, or the `.gz`'s ISIZE trailer (the size modulo 4 GiB).
        var uncompressedBytes: Int64?
        /// Uncompressed bytes per compressed byte, for `.gz` archives.
        var compressionRatio: Double?
    }

    /// Sums over the archives.
    struct Totals: Encodable {
        var archives: Int
        var compressed: Int
        var plain: Int
        var bytesOnDisk: Int64
        var uncompressedBytes: Int64
        /// Uncompressed bytes per compressed byte over the `.gz` archives.
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
    var archives: [Archive]
    var totals: Totals
    var span: Span
    var stateFile: Bool
    var unexpected: [Unexpected]

    /// Builds the report from a scan.
    init(_ directory: LogDirectory) {
        let location = directory.location
        log = location.activePath
        active = directory.active.map { Active(path: location.activePath, bytes: $0.size) }
        stateFile = directory.hasStateFile
        archives = directory.generations.map(Self.archive)
        var totals = Totals(archives: archives.count, compressed: 0, plain: 0, bytesOnDisk: 0, uncompressedBytes: 0)
        var gzipDisk: Int64 = 0
        var gzipOriginal: Int64 = 0
        for (generation, archive) in zip(directory.generations, archives) {
            totals.bytesOnDisk += archive.bytesOnDisk
            totals.uncompressedBytes += archive.uncompressedBytes ?? 0
            if let compressed = generation.compressed {
                totals.compressed += 1
                if let original = archive.uncompressedBytes, generation.plain == nil {
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
        unexpected = directory.oddities.map { Unexpected(file: location.path(of: $0.name), kind: $0.kind.rawValue, bytes: $0.size) }
        for generation in directory.generations where generation.plain != nil && generation.compressed != nil {
            unexpected.append(
                Unexpected(
                    file: generation.compressed!.path, kind: "interrupted compression (both .log and .log.gz)",
                    bytes: generation.compressed!.size))
        }
    }

    private static func archive(_ generation: LogDirectory.Generation) -> Archive {
        let files = generation.readOrder
        let state =
            switch (generation.plain != nil, generation.compressed != nil) {
            case (true, true): "plain+gzip"
            case (false, true): "gzip"
            default: "plain"
            }
        var uncompressed = generation.plain?.size
        var ratio: Double?
        if let compressed = generation.compressed, let trailer = gzipSizeTrailer(compressed.path) {
            uncompressed = uncompressed ?? trailer
            if compressed.size > 0 && trailer > 0 { ratio = Double(trailer) / Double(compressed.size) }
        }
        return Archive(
            rotatedAt: RFC3339.format(Instant(milliseconds: generation.id.millisecondsSinceEpoch)),
            sequence: generation.id.sequence, state: state, files: files.map(\.path),
            bytesOnDisk: files.reduce(0) { $0 + $1.size }, uncompressedBytes: uncompressed, compressionRatio: ratio)
    }

    /// The ISIZE field of a gzip file: its last four bytes, little-endian (size mod 2^32).
    static func gzipSizeTrailer(_ path: String) -> Int64? {
        guard case .success(let fd) = FileSystem.openForReading(path) else { return nil }
        defer { FileSystem.close(fd) }
        guard case .success(let info) = FileSystem.info(of: fd), info.size >= 18 else { return nil }
        var trailer = [UInt8](repeating: 0, count: 4)
        let read = trailer.withUnsafeMutableBytes { FileSystem.read(fd, into: $0, at: info.size - 4) }
        guard case .success(4) = read else { return nil }
        return Int64(trailer[0]) | Int64(trailer[1]) << 8 | Int64(trailer[2]) << 16 | Int64(trailer[3]) << 24
    }

    /// From the first record of the oldest file to the last record of the active file.
    private static func span(_ directory: LogDirectory) -> Span {
        var first: Instant?
        if let oldest = directory.generations.first {
            first = firstTimestamp(LogSource(oldest)) ?? Instant(milliseconds: oldest.id.millisecondsSinceEpoch)
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
        guard let record = try? StrictJSONParser.parse(bytes), let text = record["timestamp"]?.stringValue else { return nil }
        return RFC3339.parse(text)
    }
}
