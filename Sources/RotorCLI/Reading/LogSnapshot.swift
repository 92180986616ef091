import RotorCore
import RotorRotation

/// The directory listing and an open descriptor of the active file, taken so that they agree.
///
/// The active file is opened between two listings (each a ``LogDirectory/stableScan(_:)``); if a
/// rotation happens in between (the archive IDs differ), all is taken again. A rotation `link(2)`s the active file to its archive name, then
/// `rename(2)`s the next file over the active path: an open that lands between the two would give
/// a file that is also listed as an archive. So after the second scan the descriptor must still be
/// the file at the active path and have a single name (`st_nlink == 1`); otherwise the snapshot is
/// taken again a few milliseconds later. Only comparisons between live files are used, never
/// remembered inode numbers, which the file system recycles as soon as an archive is compressed.
///
/// Hence the descriptor's file is never listed as an archive, and every archive listed was rotated
/// before the descriptor's file became active; the first archive made after the snapshot is the
/// descriptor's file.
struct LogSnapshot {
    /// The scan that agrees with ``activeDescriptor``.
    var directory: LogDirectory
    /// The active file, open for reading, `nil` if it does not exist.
    var activeDescriptor: Int32?
    /// `fstat` of ``activeDescriptor``.
    var activeInfo: FileSystem.Info?

    /// Takes a consistent snapshot, retrying while rotations keep happening.
    ///
    /// A file that keeps a second name for 200 ms (a writer that died between `link` and
    /// `rename`, which the library repairs at its next open) is accepted, and the archive that is
    /// the same file is left out of the listing.
    static func take(_ location: LogLocation) throws(CLIError) -> LogSnapshot {
        var attempt = 0
        while true {
            attempt += 1
            let before = try LogDirectory.stableScan(location)
            let fd: Int32
            switch FileSystem.openForReading(location.activePath) {
            case .success(let opened): fd = opened
            case .failure(let error) where error == .noSuchFileOrDirectory:
                let after = try LogDirectory.stableScan(location)
                if before.hasSameArchives(as: after) || attempt >= 50 {
                    return LogSnapshot(directory: after, activeDescriptor: nil, activeInfo: nil)
                }
                continue
            case .failure(let error): throw .failure("\(location.activePath): cannot open: \(error)")
            }
            var after = try LogDirectory.stableScan(location)
            // fstat first, then stat the path: a single name now and still the active path after
            // means no archive name pointed at the file while the scans ran.
            guard case .success(let info) = FileSystem.info(of: fd) else {
                FileSystem.close(fd)
                throw .failure("\(location.activePath): fstat failed")
            }
            let stillActive = (try? FileSystem.info(location.activePath).get())?.isSameFile(as: info) == true
            let scansAgree = before.hasSameArchives(as: after)
            if scansAgree && stillActive && info.linkCount == 1 {
                return LogSnapshot(directory: after, activeDescriptor: fd, activeInfo: info)
            }
            if attempt >= 40 && stillActive {
                after.generations.removeAll { generation in
                    guard generation.plain != nil,
                        case .success(let archive) = FileSystem.info(location.archivePath(generation.id, .plain))
                    else {
                        return false
                    }
                    return archive.isSameFile(as: info)  // both names alive: the same file
                }
                return LogSnapshot(directory: after, activeDescriptor: fd, activeInfo: info)
            }
            FileSystem.close(fd)
            if !(scansAgree && stillActive) { continue }
            SignalTrap.sleep(.milliseconds(5))  // between link and rename: the rename follows at once
        }
    }
}
