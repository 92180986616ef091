public import RotorCore
public import RotorRotation

/// One rotation's archive, possibly present as several files (plain and compressed after an
/// interrupted compression).
///
/// Compression writes `<archive>.gz.tmp`, renames it to `<archive>.gz`, then removes the plain
/// `<archive>`. A crash between the rename and the removal leaves both the plain and the `.gz`
/// file of one generation; retention counts such a generation **once**, and deleting it deletes
/// both files.
///
/// Build generations from the parsed directory entries with ``group(_:)``.
public struct ArchiveGeneration: Sendable, Hashable {
    /// The archive's ID, shared by all its files.
    public var id: ArchiveID

    /// All files of this generation: the plain one, the `.gz` one or both (never a `.gz.tmp`).
    public var files: [ParsedArchiveName]

    /// The size that counts against a total-size cap, in bytes, counted once: the size of the
    /// compressed file if present, else the size of the plain file.
    public var bytes: Int64

    /// The rotation instant, ``/RotorRotation/ArchiveID/timestamp`` of ``id`` (millisecond precision).
    public var rotatedAt: LogTimestamp { id.timestamp }

    /// Creates a generation.
    ///
    /// - Parameters:
    ///   - id: The archive's ID.
    ///   - files: The generation's files.
    ///   - bytes: The size counted for the generation.
    public init(id: ArchiveID, files: [ParsedArchiveName], bytes: Int64) {
        self.id = id
        self.files = files
        self.bytes = bytes
    }

    /// Groups files (with their on-disk sizes) into generations, oldest first; `.compressing`
    /// files are ignored.
    ///
    /// - A generation's ``bytes`` is the size of its `.gz` file when it has one (that is the file
    ///   that survives compression recovery), otherwise the size of its plain file. A negative size
    ///   counts as 0; if the same state appears more than once, the largest size counts.
    /// - A generation's ``files`` are ordered plain first, then compressed, then by name; a
    ///   repeated entry is listed once.
    /// - An ID that has only `.gz.tmp` files yields no generation: an incomplete compression is
    ///   for the compression recovery to finish or discard, not for retention to count.
    ///
    /// The result does not depend on the order of `files`.
    ///
    /// - Parameter files: Archive names parsed by the sink's ``/RotorRotation/ArchiveNaming`` for one active
    ///   file, with their sizes in bytes.
    /// - Returns: One generation per ID, in ascending ID order (oldest first).
    public static func group(_ files: [(name: ParsedArchiveName, bytes: Int64)]) -> [ArchiveGeneration] {
        var entries: [ArchiveID: (files: [ParsedArchiveName], plain: Int64?, compressed: Int64?)] = [:]
        for (name, bytes) in files {
            let size = max(bytes, 0)
            switch name.state {
            case .compressing:
                continue
            case .plain:
                entries[name.id, default: ([], nil, nil)].plain = max(entries[name.id]?.plain ?? 0, size)
            case .compressed:
                entries[name.id, default: ([], nil, nil)].compressed = max(entries[name.id]?.compressed ?? 0, size)
            }
            if entries[name.id]?.files.contains(name) == false {
                entries[name.id]?.files.append(name)
            }
        }
        return entries.map { id, entry in
            ArchiveGeneration(
                id: id,
                files: entry.files.sorted {
                    ($0.state.groupingRank, $0.fileName) < ($1.state.groupingRank, $1.fileName)
                },
                bytes: entry.compressed ?? entry.plain ?? 0
            )
        }
        .sorted { $0.id < $1.id }
    }
}

extension ArchiveFileState {
    /// Plain files are listed before compressed ones in ``ArchiveGeneration/files``.
    fileprivate var groupingRank: Int {
        switch self {
        case .plain: 0
        case .compressed: 1
        case .compressing: 2
        }
    }
}
