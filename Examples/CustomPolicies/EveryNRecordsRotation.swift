import RotorCore
import RotorRotation

/// A custom rotation strategy: rotate after every `count` records.
///
/// The sink asks `shouldRotate` under the file's lock before every write, so it must be cheap:
/// no system calls, no allocation, no `Calendar`. It reads only the state the sink keeps for it.
/// `ActiveFileState.records` counts the records this process wrote into the active file, so after a
/// restart the count starts again from zero for the file that is continued.
struct EveryNRecordsRotation: RotationStrategy, Hashable {
    let count: Int

    init(count: Int) throws {
        guard count > 0 else {
            throw RotationError(.invalidSize, "the record count must be at least 1, got \(count)", field: "count")
        }
        self.count = count
    }

    func shouldRotate(_ file: ActiveFileState, incomingBytes: Int, now: LogTimestamp) -> Bool {
        file.records >= count
    }
}
