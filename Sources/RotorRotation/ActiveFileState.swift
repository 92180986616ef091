public import RotorCore

/// The state of the active log file that a ``RotationStrategy`` looks at.
///
/// The rotating file sink keeps one value per path, updates it after every write and hands it to
/// ``RotationStrategy/shouldRotate(_:incomingBytes:now:)`` before the next one. Every field is
/// Rotor's own bookkeeping: in particular ``periodStart`` is never taken from the file system's
/// creation or change time, which is unreliable across restarts, copies and `touch`.
public struct ActiveFileState: Sendable, Hashable {
    /// The current size of the active file in bytes.
    public var bytes: Int64

    /// The number of records this process has written to the active file since it opened it.
    public var records: Int

    /// When the active file's period began: the instant the sink opened the file or last rotated.
    public var periodStart: LogTimestamp

    /// When this process wrote the first record into the active file, or `nil` before that.
    public var firstRecordAt: LogTimestamp?

    /// The end of the current period: what the strategy returned from
    /// ``RotationStrategy/deadline(forPeriodStartingAt:)`` for ``periodStart``, cached by the sink
    /// so that the per-write check needs no calendar arithmetic. `nil` when time never rotates.
    public var deadline: LogTimestamp?

    /// Creates a file state.
    ///
    /// - Parameters:
    ///   - bytes: The current size of the active file.
    ///   - records: Records written to it by this process since it was opened.
    ///   - periodStart: When the active file's period began.
    ///   - firstRecordAt: When the first record was written into it by this process, if any.
    ///   - deadline: The cached end of the period, if time rotates.
    public init(
        bytes: Int64 = 0,
        records: Int = 0,
        periodStart: LogTimestamp,
        firstRecordAt: LogTimestamp? = nil,
        deadline: LogTimestamp? = nil
    ) {
        self.bytes = bytes
        self.records = records
        self.periodStart = periodStart
        self.firstRecordAt = firstRecordAt
        self.deadline = deadline
    }
}
