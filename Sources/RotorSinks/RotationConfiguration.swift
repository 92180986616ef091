/// How a ``RotatingFileSink`` carries out rotations, beyond the strategy that decides when.
public struct RotationConfiguration: Sendable, Hashable {
    /// Calls `fdatasync(2)` on the active file before it becomes an archive, and `fsync(2)` on the
    /// directory after the renames, so that a rotation survives power loss. Off by default: it puts
    /// one or two disk round trips (milliseconds on most disks) into the writer's rotation pause.
    public var syncOnRotation = false

    /// Rotates at the strategy's deadline even when no record arrives (a timer on the sink's
    /// background queue). Off by default. The check made before each write stays authoritative, so
    /// a late or early timer can never rotate twice.
    public var rotatesWhenIdle = false

    /// When a write fails because the disk is full (`ENOSPC`), deletes this file's leftovers and
    /// archives to make room: first every temporary file a dead compression left behind, then the
    /// oldest compressed archive, then the oldest uncompressed one (never the one being
    /// compressed), one archive per failed attempt, until writing works again. Off by default,
    /// because it breaks the promises of the retention policy; when on, every deletion is counted
    /// in ``/RotorCore/SinkStatistics/emergencyDeletions`` and, by kind with the bytes it freed, in
    /// ``/RotorCore/SinkStatistics/emergencyDeletionsByKind`` and
    /// ``/RotorCore/SinkStatistics/emergencyBytesFreed``. The active file is never touched.
    public var deletesArchivesWhenDiskFull = false

    /// Lets several processes write this one rotating log together, and rotate it together,
    /// exactly once per threshold crossing. Off by default.
    ///
    /// By default a rotating log has one owner: the first sink to open it takes an exclusive lock
    /// on its lock file (`.app.log.rotor-lock`), and a sink in another process that names the
    /// same file throws ``SinkError`` `.pathInUse` naming the owner's pid. (The lock belongs to
    /// the open file, so a crashed owner never blocks the next start.)
    ///
    /// With this option every process takes a shared lock instead, and each write holds a second,
    /// exclusive lock of the same file while it checks whether another process rotated (the path
    /// names a new inode: the writer moves to it), reads the file's real size, rotates if the
    /// strategy says so (the name switch and the period record are done before the lock is
    /// released) and appends. Compression and retention run in one process at a time, under a
    /// third lock that `rotor prune` takes too, over the archives found in the directory. The
    /// cost is four system calls per write (two `fcntl` locks, `fstatat`, `fstat`): about 2 µs,
    /// several times the cost of a write alone. Buffering (``FileSinkConfiguration/bufferCapacity``)
    /// cannot be combined with it. Every process must set it: a process without it cannot open
    /// a path that processes with it hold, nor the reverse.
    public var sharedAcrossProcesses = false

    /// Creates the default configuration.
    public init() {}

    /// Creates a configuration with the given values.
    public init(
        syncOnRotation: Bool = false,
        rotatesWhenIdle: Bool = false,
        deletesArchivesWhenDiskFull: Bool = false,
        sharedAcrossProcesses: Bool = false
    ) {
        self.sharedAcrossProcesses = sharedAcrossProcesses
        self.syncOnRotation = syncOnRotation
        self.rotatesWhenIdle = rotatesWhenIdle
        self.deletesArchivesWhenDiskFull = deletesArchivesWhenDiskFull
    }
}
