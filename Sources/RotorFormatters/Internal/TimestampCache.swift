import Synchronization

/// Remembers the text of the last second a formatter wrote a timestamp for, up to the seconds
/// (`2026-11-21T14:30:22`, 19 bytes): within one second every record shares it, so only the
/// fraction and the zone are written per record.
///
/// Each ``JSONFormatter`` and ``TextFormatter`` holds one (copies of a formatter share it; they
/// have the same ``TimestampStyle``). It is keyed by the *local* second (UTC plus the style's
/// offset), whose text does not depend on anything else, and it only holds four-digit years.
///
/// Any number of threads read and refresh it without a lock: it is a sequence lock over atomic
/// words. A reader takes the text only when the sequence number was even and unchanged around its
/// reads; a writer makes the number odd, stores, and makes it even again, and a writer that finds
/// another one at work simply leaves the cache alone. A reader that fails writes the text itself,
/// so a clock that steps backwards, two threads on either side of a second boundary, or a stale
/// entry can cost time but never change a byte.
final class TimestampCache: Sendable {
    /// The number of bytes cached: `YYYY-MM-DDTHH:MM:SS`.
    static let textCount = 19

    /// Even when the entry is stable, odd while a writer replaces it.
    private let sequence = Atomic<UInt64>(0)
    /// The local second the entry holds (`Int64.min`, unreachable, when empty).
    private let second = Atomic<Int64>(.min)
    /// Bytes 0..<8, 8..<16 and 11..<19 of the text (the last word overlaps the second).
    private let low = Atomic<UInt64>(0)
    private let middle = Atomic<UInt64>(0)
    private let high = Atomic<UInt64>(0)

    init() {}

    /// Writes the cached text of `localSecond` to `out` (19 bytes) and returns `true`, or returns
    /// `false` without writing when the entry holds another second or is being replaced.
    @inline(__always)
    func load(localSecond: Int64, into out: UnsafeMutablePointer<UInt8>) -> Bool {
        let before = sequence.load(ordering: .acquiring)
        guard before & 1 == 0, second.load(ordering: .relaxed) == localSecond else { return false }
        let low = low.load(ordering: .relaxed)
        let middle = middle.load(ordering: .relaxed)
        let high = high.load(ordering: .relaxed)
        atomicMemoryFence(ordering: .acquiring)
        guard sequence.load(ordering: .relaxed) == before else { return false }
        let raw = UnsafeMutableRawPointer(out)
        raw.storeBytes(of: low, as: UInt64.self)
        raw.storeBytes(of: middle, toByteOffset: 8, as: UInt64.self)
        raw.storeBytes(of: high, toByteOffset: 11, as: UInt64.self)
        return true
    }

    /// Makes the 19 bytes at `text` the entry for `localSecond`, unless another thread is
    /// replacing the entry at this moment.
    func store(localSecond: Int64, text: UnsafePointer<UInt8>) {
        let current = sequence.load(ordering: .relaxed)
        guard current & 1 == 0,
            sequence.compareExchange(expected: current, desired: current &+ 1, ordering: .relaxed).exchanged
        else { return }
        atomicMemoryFence(ordering: .releasing)
        let raw = UnsafeRawPointer(text)
        second.store(localSecond, ordering: .relaxed)
        low.store(raw.loadUnaligned(as: UInt64.self), ordering: .relaxed)
        middle.store(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self), ordering: .relaxed)
        high.store(raw.loadUnaligned(fromByteOffset: 11, as: UInt64.self), ordering: .relaxed)
        sequence.store(current &+ 2, ordering: .releasing)
    }
}
