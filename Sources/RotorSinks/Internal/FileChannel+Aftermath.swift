import RotorCore
import RotorSystem

extension FileChannel {
    /// What a locked operation leaves for the caller to do once the lock is released.
    ///
    /// The rule every operation of the channel follows: a function that takes
    /// `after: inout Aftermath` runs under the state lock, and never calls out of Rotor there
    /// (the failure handler and the observer may log to this very file, which would deadlock)
    /// nor queues background work (a job may need the lock at once). It records what it wants
    /// here instead, and whoever took the lock passes the result to ``FileChannel/finish(_:)``
    /// right after releasing it. A new effect is a new field here, and a new line in ``isEmpty``
    /// and in `finish(_:)`.
    struct Aftermath {
        enum Report {
            case failed(SinkStatistics.FailureKind, SystemCallError)
            case recovered(SinkStatistics.FailureKind)
        }

        /// The effects that hold references (arrays, a directory handle), out of line: every
        /// write makes an `Aftermath` and nearly always leaves it empty, and four such fields
        /// inline cost four releases a record (about 60 instructions) when it is destroyed.
        private final class References {
            var reports: [Report] = []
            var periodToSave: (start: LogTimestamp, directory: DirectoryHandle)?
            var rotationPauses: [Duration] = []
            var backgroundPhaseStarts: [Int] = []
        }
        /// `nil` until one of its effects is set. An `Aftermath` is only ever passed `inout` or
        /// handed to `finish(_:)`, never copied and then changed, so sharing the box is safe.
        private var references: References?

        private mutating func referencesForWriting() -> References {
            if let references { return references }
            let created = References()
            references = created
            return created
        }

        var reports: [Report] {
            get { references?.reports ?? [] }
            set { referencesForWriting().reports = newValue }
        }
        var prepareNextFile = false
        var periodChanged = false
        /// Set with `periodChanged`: the period start to record, and the directory to record it in.
        var periodToSave: (start: LogTimestamp, directory: DirectoryHandle)? {
            get { references?.periodToSave }
            set { referencesForWriting().periodToSave = newValue }
        }
        var archiveWork = false
        var diskFull = false
        /// Set by rotations: the pauses their writer saw, for the observer (a batch can rotate
        /// several times under one lock).
        var rotationPauses: [Duration] {
            get { references?.rotationPauses ?? [] }
            set { referencesForWriting().rotationPauses = newValue }
        }
        /// Set by rotations: when each began (monotonic nanoseconds), so that the job preparing
        /// the next file can time their background phase.
        var backgroundPhaseStarts: [Int] {
            get { references?.backgroundPhaseStarts ?? [] }
            set { referencesForWriting().backgroundPhaseStarts = newValue }
        }
        /// Set by a rotation: switch its file names in the background.
        var switchNames = false
        /// Set when switching names failed: try again after this (the rotation backoff's delay).
        var retryNames: Duration?

        /// Whether nothing is left to do (the writers' fast path then skips `finish(_:)`).
        /// Inlined: the flags and the box's presence are tested in place (as a call it cost about
        /// 22 instructions a record).
        @inline(__always)
        var isEmpty: Bool {
            guard !prepareNextFile, !periodChanged, !archiveWork, !diskFull, !switchNames, retryNames == nil
            else { return false }
            guard let references else { return true }
            return references.reports.isEmpty && references.periodToSave == nil
                && references.rotationPauses.isEmpty && references.backgroundPhaseStarts.isEmpty
        }
    }
}
