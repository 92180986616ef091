import RotorRotation

/// Follows a log across rotations, for `tail -f`.
///
/// Rotor rotates by `link(active, archive)` then `rename(next, active)`: an open descriptor keeps
/// pointing at the old file, now an archive. So the follower reads its descriptor to the end; at
/// the end it compares the active path's `stat` with the descriptor's `fstat`. When they differ,
/// it reads the old file to its end once more (the writer may have appended just before the
/// rotation), then opens the new active file from its start.
///
/// Several rotations may happen between two polls. The follower therefore remembers the newest
/// archive ID listed when it opened its file (a ``LogSnapshot`` never lists its open file): at a
/// switch, its old file is the first archive newer than that, recognised by inode while it is
/// still plain (the old descriptor stays open meanwhile, so the inode cannot be recycled). Every
/// later archive was active only between two polls, so it is read whole (plain, or `.gz` if it
/// was compressed meanwhile) before the new active file. Holding the descriptor keeps the old
/// file readable even if it is compressed (and unlinked) meanwhile. So no record is missed or
/// repeated, unless retention deletes an archive before it is read (reported on standard error).
///
/// A file truncated in place (`copytruncate`) is read again from its start, with a warning.
final class Follower {
    private let location: LogLocation
    private let printer: RecordPrinter
    private let pollInterval: Duration
    private var splitter: LineSplitter
    private var fd: Int32?
    private var info: FileSystem.Info?
    private var position: Int64
    private var newestKnown: ArchiveID?

    /// Starts following from `offset` of the snapshot's active file (or from the start of the
    /// active file when it appears, if it does not exist yet).
    init(
        snapshot: LogSnapshot, offset: Int64, location: LogLocation, printer: RecordPrinter, pollInterval: Duration,
        maxLineBytes: Int
    ) {
        self.location = location
        self.printer = printer
        self.pollInterval = pollInterval
        self.splitter = LineSplitter(maxLineBytes: maxLineBytes)
        self.fd = snapshot.activeDescriptor
        self.info = snapshot.activeInfo
        self.position = offset
        self.newestKnown = snapshot.directory.newestID
        if let fd { _ = FileSystem.seek(fd, to: offset) }
    }

    deinit {
        if let fd { FileSystem.close(fd) }
    }

    /// Follows until `SIGINT` or `SIGTERM`, then flushes and returns.
    func run() throws {
        while !SignalTrap.stopRequested {
            if try readAvailable() > 0 { continue }
            printer.output.flush()
            if try switchIfRotated() { continue }
            SignalTrap.sleep(pollInterval)
        }
        printer.output.flush()
    }

    /// Reads the current file to its present end; returns the number of bytes read.
    private func readAvailable() throws -> Int64 {
        guard let fd else { return 0 }
        let path = location.activePath
        let read = try LogSource.readToEnd(fd, path: path) { chunk in
            splitter.feed(chunk) { printer.print($0, of: path) }
        }
        position += read
        return read
    }

    /// At the end of the current file: switches to the new active file if the path now names
    /// another file. Returns whether it switched.
    private func switchIfRotated() throws -> Bool {
        guard case .success(let current) = FileSystem.info(location.activePath), current.isRegular else {
            return false  // missing for a moment (two-rename fallback) or not yet created: wait
        }
        if let info, current.isSameFile(as: info) {
            if current.size < position, let fd {
                printer.warn("warning: \(location.activePath) was truncated; reading it again from its start")
                _ = FileSystem.seek(fd, to: 0)
                position = 0
                splitter.reset()
            }
            return false
        }
        let oldInfo = info
        let oldDescriptor = fd
        if oldDescriptor != nil {
            _ = try readAvailable()  // what the writer appended just before the rotation
            let path = location.activePath
            splitter.finish { printer.print($0, of: path) }
        }
        // The old descriptor stays open until the old file is recognised among the archives, so
        // that its inode cannot be recycled meanwhile.
        defer { if let oldDescriptor { FileSystem.close(oldDescriptor) } }
        fd = nil
        info = nil
        let snapshot = try LogSnapshot.take(location)
        var newer = snapshot.directory.generations.filter { generation in
            newestKnown.map { generation.id > $0 } ?? true
        }
        if let oldInfo, let first = newer.first, Self.isArchive(first, of: oldInfo) {
            newer.removeFirst()  // the file just read through the old descriptor
        }
        for generation in newer {
            try readWhole(generation)
        }
        newestKnown = snapshot.directory.newestID ?? newestKnown
        fd = snapshot.activeDescriptor
        info = snapshot.activeInfo
        position = 0
        return true
    }

    /// Whether `generation` is the archive the old descriptor's file became: its plain file, as
    /// scanned while the old descriptor was still open, is that file (both were alive, so equal
    /// inodes mean one file); or, already compressed, it is the first archive after those known,
    /// as it must be (a snapshot never counts its open file among the known archives).
    private static func isArchive(_ generation: LogDirectory.Generation, of old: FileSystem.Info) -> Bool {
        guard generation.plain != nil else { return true }
        return generation.plainIsSameFile(as: old)
    }

    /// Prints a whole archive that was active only between two polls.
    private func readWhole(_ generation: LogDirectory.Generation) throws {
        var reader = LineSplitter(maxLineBytes: splitter.maxLineBytes)
        var path = ""
        let outcome = try LogSource(generation, of: location).read(willRead: { path = $0 }) { chunk in
            reader.feed(chunk) { printer.print($0, of: path) }
        }
        switch outcome {
        case .complete:
            reader.finish { printer.print($0, of: path) }
        case .missing:
            printer.warn("warning: archive \(generation.id) was deleted before it could be read; records lost")
        case .damaged(let damagedPath, let reason):
            printer.warn("warning: \(damagedPath): \(reason)")
        }
    }
}
