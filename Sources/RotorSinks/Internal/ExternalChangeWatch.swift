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
    private(set) var lastCheck: LogTimestamp

    init(confirmedSize: Int64, now: LogTimestamp) {
        self.confirmedSize = confirmedSize
        self.lastCheck = now
    }

    /// Whether writing `records` more at `now` calls for a check first: after `recordLimit`
    /// records, after `interval`, or when the clock went back.
    @inline(__always)
    func isDue(adding records: Int, now: LogTimestamp, recordLimit: Int, interval: Duration) -> Bool {
        recordsSinceCheck + records > recordLimit || now.duration(since: lastCheck) >= interval || now < lastCheck
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
