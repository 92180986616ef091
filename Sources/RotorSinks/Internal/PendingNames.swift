import RotorCore
import RotorRotation
import RotorSystem

/// A rotation whose names are still to be switched (see ``NameSwitch``).
struct PendingNames: Sendable {
    /// The directory both names are in.
    var directory: DirectoryHandle
    /// The prepared file's hidden name.
    var preparedName: String
    /// The prepared file's identity, read when it was created: its name is renamed to the active
    /// name only while it still leads to this file.
    var preparedIdentity: FileIdentity?
    var archiveID: ArchiveID
    /// The size of the file that ended, for the archive list.
    var archiveBytes: Int64
    /// The ended file's descriptor, closed once its names are switched.
    var oldDescriptor: Int32
    /// The ended file's identity: the active name is archived only while it still leads to it.
    var oldIdentity: FileIdentity?
    /// The records written to the ended file since the last external-change check found it under
    /// its name: counted as written to a detached file if it turns out to be gone.
    var unconfirmedRecords = 0
    /// Set once the archive name exists (the `link`, or the first rename of the fallback), so a
    /// retry only does what is left.
    var archiveNamed = false
    /// Set when the ended file had no name left to archive (it was deleted, or its directory
    /// removed): there is no archive to add.
    var archiveGone = false
    var usedFallback = false
}
