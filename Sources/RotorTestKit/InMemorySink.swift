public import Logging
@_spi(RotorInternals) public import RotorCore
import Synchronization

/// A sink that keeps records in memory, for asserting on what a test logged.
///
/// Share one instance between the code under test and the test, then query it:
///
/// ```swift
/// let sink = InMemorySink()
/// let logger = Logger(label: "test") { RotorLogHandler(label: $0, sink: sink) }
/// logger.warning("disk almost full", metadata: ["free": "3%"])
/// #expect(sink.records(atLeast: .warning).map(\.message) == ["disk almost full"])
/// ```
///
/// Give it a ``RotorCore/LogFormatter`` to also keep each record's formatted line, formatted when
/// the record is logged; give it a capacity to keep only the newest records.
///
/// The sink is safe to use from many threads at once: every record is stored under one lock, so
/// records logged by one thread keep their order.
///
/// ### Statistics
///
/// ``statistics`` follows the identity `recordsWritten + totalRecordsDropped == records logged`:
///
/// - A record counts as written when it is stored. Its byte count is the length of its formatted
///   line, trailing newline included, or the UTF-8 length of its message when the sink has no
///   formatter.
/// - A record evicted because the sink is at its capacity moves from written to
///   ``RotorCore/SinkStatistics/DropCause/capacity``. `recordsWritten` therefore never goes
///   down, but `bytesWritten` can shrink when a short record evicts a longer one.
/// - A record logged after ``close()`` is counted under
///   ``RotorCore/SinkStatistics/DropCause/closed`` and not stored.
/// - ``reset()`` forgets the stored records but not the counters: statistics describe the sink's
///   whole life, and records removed by a reset stay counted as written.
public final class InMemorySink: LogSink, Sendable {
    /// One stored record with its formatted line and its byte count.
    private struct Entry {
        var record: LogRecord
        var line: String?
        var bytes: Int
    }

    private struct State {
        /// Stored entries; the live ones are `entries[start...]`.
        var entries: [Entry] = []
        /// Index of the oldest live entry. Evictions advance it; the dead prefix is removed in
        /// batches so that evicting costs amortised O(1).
        var start = 0
        var closed = false

        var count: Int { entries.count - start }
        var live: ArraySlice<Entry> { entries[start...] }

        mutating func removeOldest() -> Entry {
            let oldest = entries[start]
            start += 1
            if start >= max(count, 16) {
                entries.removeFirst(start)
                start = 0
            }
            return oldest
        }

        mutating func removeAll() {
            entries.removeAll(keepingCapacity: true)
            start = 0
        }
    }

    /// The formatter that produces ``lines``, if any.
    public let formatter: (any LogFormatter)?
    /// The most records kept at once, or `nil` for no limit.
    public let capacity: Int?
    private let state = Locked(State())
    private let counters = SinkCounters()

    /// Creates an empty in-memory sink.
    ///
    /// - Parameter formatter: Formats each record into a line as it is logged; the lines are
    ///   available through ``lines``. `nil` (the default) keeps records only.
    public init(formatter: (any LogFormatter)? = nil) {
        self.formatter = formatter
        self.capacity = nil
    }

    /// Creates a sink that keeps at most `capacity` records.
    ///
    /// - Parameters:
    ///   - formatter: Formats each record into a line as it is logged; the lines are available
    ///     through ``lines``. `nil` (the default) keeps records only.
    ///   - capacity: The most records kept at once; when full, the oldest record is evicted and
    ///     counted as dropped for ``RotorCore/SinkStatistics/DropCause/capacity``. `nil` keeps
    ///     every record.
    /// - Throws: ``TestKitError`` with code ``RotorCore/RotorError/Code/invalidConfiguration`` and
    ///   field `capacity` when `capacity` is less than one.
    public init(formatter: (any LogFormatter)? = nil, capacity: Int?) throws {
        if let capacity, capacity < 1 {
            throw TestKitError(
                .invalidConfiguration, "capacity must be at least 1, got \(capacity)", field: "capacity")
        }
        self.formatter = formatter
        self.capacity = capacity
    }

    // MARK: - LogSink

    /// Stores `record`, formatting it first if the sink has a formatter.
    ///
    /// When the sink is at its capacity the oldest record is evicted; after ``close()`` the record
    /// is dropped. Neither case throws or traps: both are counted in ``statistics``.
    public func log(_ record: LogRecord) {
        let line: String?
        let bytes: Int
        if let formatter {
            var buffer = LogBuffer()
            formatter.format(record, into: &buffer)
            bytes = buffer.count
            if buffer.last == UInt8(ascii: "\n") { buffer.truncate(to: buffer.count - 1) }
            line = buffer.text
        } else {
            line = nil
            bytes = record.message.utf8.count
        }
        state.withLock { state in
            if state.closed {
                counters.recordDropped(.closed, bytes: bytes)
                return
            }
            if let capacity, state.count >= capacity {
                let evicted = state.removeOldest()
                counters.recordDropped(.capacity, bytes: evicted.bytes)
            }
            state.entries.append(Entry(record: record, line: line, bytes: bytes))
            counters.recordWritten(bytes: bytes)
        }
    }

    /// Does nothing: records are visible to queries as soon as ``log(_:)`` returns.
    public func flush() {}

    /// Stops accepting records. Records logged afterwards are dropped and counted under
    /// ``RotorCore/SinkStatistics/DropCause/closed``; records stored before stay queryable.
    /// Calling `close()` twice is harmless.
    public func close() {
        state.withLock { $0.closed = true }
    }

    /// A snapshot of the sink's counters; see "Statistics" in the type's overview.
    public var statistics: SinkStatistics {
        // Read under the state lock, so the snapshot never splits an eviction in two.
        state.withLock { _ in
            var snapshot = counters.snapshot()
            snapshot.recordsWritten -= snapshot.recordsDropped[.capacity] ?? 0
            snapshot.bytesWritten -= snapshot.bytesDropped[.capacity] ?? 0
            return snapshot
        }
    }

    // MARK: - Queries

    /// Whether ``close()`` has been called.
    public var isClosed: Bool { state.withLock { $0.closed } }

    /// The number of records stored.
    public var count: Int { state.withLock { $0.count } }

    /// The stored records, oldest first.
    public var records: [LogRecord] { state.withLock { $0.live.map(\.record) } }

    /// The messages of the stored records, oldest first.
    public var messages: [String] { state.withLock { $0.live.map(\.record.message) } }

    /// The formatted lines of the stored records, oldest first, each without its trailing newline.
    /// Empty when the sink has no formatter.
    public var lines: [String] { state.withLock { $0.live.compactMap(\.line) } }

    /// The stored records whose level is exactly `level`, oldest first.
    public func records(at level: Logger.Level) -> [LogRecord] {
        records.filter { $0.level == level }
    }

    /// The stored records whose level is `level` or more severe, oldest first.
    public func records(atLeast level: Logger.Level) -> [LogRecord] {
        records.filter { $0.level >= level }
    }

    /// The stored records whose message contains `substring` (case-sensitive), oldest first.
    public func records(containing substring: String) -> [LogRecord] {
        records.filter { $0.message.contains(substring) }
    }

    /// The stored records whose top-level metadata has the key `key`, oldest first.
    public func records(withMetadataKey key: String) -> [LogRecord] {
        records.filter { $0.metadata[key] != nil }
    }

    /// The stored records whose top-level metadata maps `key` to `value`, oldest first.
    ///
    /// The value is compared with the metadata value's `description`, so a `.string` and a
    /// `.stringConvertible` value both match their text.
    public func records(withMetadata key: String, value: String) -> [LogRecord] {
        records.filter { $0.metadata[key]?.description == value }
    }

    /// Forgets every stored record and line. The counters in ``statistics`` are kept, and a closed
    /// sink stays closed.
    public func reset() {
        state.withLock { $0.removeAll() }
    }
}
