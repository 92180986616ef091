import RotorCore
import Synchronization

/// A ``SinkObserver`` that keeps every rotation pause, in nanoseconds, in a buffer allocated up
/// front: recording one is an atomic increment and a store, with no lock and no allocation.
final class PauseRecorder: SinkObserver {
    private let slots: UnsafeMutableBufferPointer<Int64>
    private let next = Atomic<Int>(0)

    /// - Parameter capacity: The most pauses kept; later ones are counted but not stored.
    init(capacity: Int) {
        slots = .allocate(capacity: max(capacity, 1))
        slots.initialize(repeating: 0)
    }

    deinit { slots.deallocate() }

    func sinkDidRotate(pause: Duration, statistics: SinkStatistics) {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < slots.count else { return }
        let (seconds, attoseconds) = pause.components
        slots[index] = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// How many rotations were reported (including any beyond the capacity).
    var count: Int { next.load(ordering: .acquiring) }

    /// The stored pauses, in nanoseconds, in arrival order.
    var pauses: [Int64] { Array(slots.prefix(min(count, slots.count))) }
}

// The slots are written at distinct indices handed out by the atomic counter and read only after
// the sink is closed (the writer threads joined), so sharing the recorder is safe.
extension PauseRecorder: @unchecked Sendable {}
