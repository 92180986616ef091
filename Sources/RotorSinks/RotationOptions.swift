/// How a ``RotatingFileSink`` carries out rotations, beyond the strategy that decides when.
public struct RotationOptions: Sendable, Hashable {
    /// Calls `fdatasync(2)` on the active file before it becomes an archive, and `fsync(2)` on the
    /// directory after the renames, so that a rotation survives power loss. Off by default: it puts
    /// one or two disk round trips (milliseconds on most disks) into the writer's rotation pause.
    public var syncOnRotation = false

    /// Rotates at the strategy's deadline even when no record arrives (a timer on the sink's
    /// background queue). Off by default. The check made before each write stays authoritative, so
    /// a late or early timer can never rotate twice.
    public var rotatesWhenIdle = false

    /// When a write fails because the disk is full (`ENOSPC`), deletes this file's archives to make
    /// room: first the oldest compressed one, then the oldest uncompressed one, one per failed
    /// attempt, until writing works again. Off by default, because it breaks the promises of the
    /// retention policy; when on, every deletion is counted in
    /// ``SinkStatistics/emergencyDeletions``. The active file is never touched.
    public var deletesArchivesWhenDiskFull = false

    /// Creates the default options.
    public init() {}

    /// Creates options with the given values.
    public init(
        syncOnRotation: Bool = false,
        rotatesWhenIdle: Bool = false,
        deletesArchivesWhenDiskFull: Bool = false
    ) {
        self.syncOnRotation = syncOnRotation
        self.rotatesWhenIdle = rotatesWhenIdle
        self.deletesArchivesWhenDiskFull = deletesArchivesWhenDiskFull
    }
}
