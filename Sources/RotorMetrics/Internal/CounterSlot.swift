import CoreMetrics
import RotorCore

/// One `Counter` of a ``SinkMetrics`` together with the statistics figure it publishes.
struct CounterSlot: Sendable {
    /// The counter, created once when the ``SinkMetrics`` is.
    let counter: Counter
    /// Reads the figure the counter follows from a snapshot.
    let read: @Sendable (SinkStatistics) -> Int

    /// Creates the slots for every figure: the plain ones, then records and bytes dropped for each
    /// ``SinkStatistics/DropCause``, then failures for each ``SinkStatistics/FailureKind``, then
    /// emergency deletions and the bytes they freed for each ``SinkStatistics/EmergencyDeletionKind``.
    ///
    /// The set of slots is fixed by the enumerations, so the number of counters is bounded and known
    /// up front.
    static func all(dimensions: [(String, String)], factory: any MetricsFactory) -> [CounterSlot] {
        func make(_ label: String, _ extra: [(String, String)] = []) -> Counter {
            Counter(label: label, dimensions: dimensions + extra, factory: factory)
        }
        var slots = SinkFigure.allCases.map { figure in
            CounterSlot(counter: make(figure.label), read: { figure.value(in: $0) })
        }
        for cause in SinkStatistics.DropCause.allCases {
            let dimension = [("cause", cause.rawValue)]
            slots.append(
                CounterSlot(counter: make("rotor.records.dropped", dimension)) { $0.recordsDropped[cause] ?? 0 })
            slots.append(CounterSlot(counter: make("rotor.bytes.dropped", dimension)) { $0.bytesDropped[cause] ?? 0 })
        }
        for kind in SinkStatistics.FailureKind.allCases {
            slots.append(
                CounterSlot(counter: make("rotor.failures", [("kind", kind.rawValue)])) { $0.failures[kind] ?? 0 })
        }
        for kind in SinkStatistics.EmergencyDeletionKind.allCases {
            let dimension = [("kind", kind.rawValue)]
            slots.append(
                CounterSlot(counter: make("rotor.emergency.deleted_files", dimension)) {
                    $0.emergencyDeletionsByKind[kind] ?? 0
                })
            slots.append(
                CounterSlot(counter: make("rotor.emergency.freed_bytes", dimension)) {
                    $0.emergencyBytesFreed[kind] ?? 0
                })
        }
        return slots
    }
}
