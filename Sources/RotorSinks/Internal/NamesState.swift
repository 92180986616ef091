import RotorCore

/// The state of a ``NameSwitch``, under its lock. Lock order: the channel's state lock, then this
/// one; the system calls hold only this one.
struct NamesState: Sendable {
    var pending: PendingNames?
    /// Archives whose names are switched, not yet added to the channel's archive list.
    var completed: [ArchiveEntry] = []
    /// The last failure of a switch, not yet reported.
    var failure: SystemCallError?
    /// A failed `fsync` of the directory after a switch, not yet reported.
    var syncFailure: SystemCallError?
    var failing = false
    var recovered = false
    var fallbacks = 0
}
