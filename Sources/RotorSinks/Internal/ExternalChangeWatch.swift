import RotorCore

/// What the channel knows of whether its path still reaches the open file: when it last looked,
/// and the records written since it last found the file in place (exactly those that may have
/// gone to a file the path no longer reaches).
///
/// The check itself (`FileChannel+ExternalChange`) compares the path with the open descriptor and
/// reopens; this type decides when a check is due and keeps the counts that settle the records
/// written meanwhile.
struct ExternalChangeWatch {
    /// Records written since the last check (what triggers the next one).
    private(set) var recordsSinceCheck = 0
    /// Records written since a check last found the file in place.
    private(set) var unconfirmedRecords = 0
    /// The size of the file when a check last found it under its name: what a record written
    /// after it may have to be copied from if the file turns out to be deleted.
    private(set) var confirmedSize: Int64
    /// Set while the path no longer reaches the open file and it could not be reopened: every
    /// record written meanwhile is counted as written to a detached file.
    var isDetached = false
    private(set) var lastCheck: LogTimestamp {
        didSet { nextCheck = lastCheck.nanosecondsSinceEpoch.addingClamped(interval) }
    }
    /// ``FileSinkConfiguration/externalChangeInterval`` in nanoseconds.
    private let interval: Int64
    /// `lastCheck` plus `interval` (clamped): when the next check is due by time. Kept as a plain
    /// integer so that the per-record test is two comparisons, not `Duration` arithmetic.
    private var nextCheck: Int64

    init(confirmedSize: Int64, now: LogTimestamp, interval: Duration) {
        self.confirmedSize = confirmedSize
        self.lastCheck = now
        self.interval = Int64(interval.clampedNanoseconds)
        self.nextCheck = now.nanosecondsSinceEpoch.addingClamped(self.interval)
    }

    /// Whether writing `records` more at `now` calls for a check first: after `recordLimit`
    /// records, after the interval, or when the clock went back.
    @inline(__always)
    func isDue(adding records: Int, now: LogTimestamp, recordLimit: Int) -> Bool {
        let time = now.nanosecondsSinceEpoch
        return recordsSinceCheck &+ records > recordLimit || time >= nextCheck
            || time < lastCheck.nanosecondsSinceEpoch
    }

    /// Counts records written to the open file.
    @inline(__always)
    mutating func recordWritten(_ records: Int) {
        recordsSinceCheck += records
        unconfirmedRecords += records
    }

    /// A check starts at `now`.
    mutating func checking(at now: LogTimestamp) {
        lastCheck = now
        recordsSinceCheck = 0
    }

    /// Makes the next write check first (another process may have changed the file).
    mutating func checkAtNextWrite(recordLimit: Int) {
        recordsSinceCheck = recordLimit
    }

    /// The check found the file in place with `size` bytes on disk.
    mutating func confirmed(size: Int64) {
        confirmedSize = size
        unconfirmedRecords = 0
    }

    /// A new file (after a rotation or a reopen) holds `size` bytes; nothing in it is unsettled.
    mutating func startNewFile(size: Int64, at now: LogTimestamp? = nil) {
        recordsSinceCheck = 0
        unconfirmedRecords = 0
        confirmedSize = size
        if let now { lastCheck = now }
    }

    /// Takes the count of records not confirmed in place (to settle them), leaving none.
    mutating func takeUnconfirmedRecords() -> Int {
        defer { unconfirmedRecords = 0 }
        return unconfirmedRecords
    }
}

extension Int64 {
    /// `self + other`, or `Int64.max` where the sum would overflow (`other` is not negative).
    fileprivate func addingClamped(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
