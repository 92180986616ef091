import Synchronization

/// The order in which ``TextFormatter`` last put the typed fields of a direct record: the
/// records of one call site name the same keys in the same order, so the next record tries that
/// order before sorting.
///
/// The order is a guess, checked before it is used: the keys must be in strictly increasing order
/// when taken in it, which is exactly the sorted order with no repeated key, so a stale entry, or
/// one from another call site, costs a sort but never changes a byte. The entry is one atomic word
/// (the field count, then four bits per position), shared by every thread without a lock; it holds
/// records of at most ``maximumCount`` fields, all with distinct keys.
final class FieldOrderCache: Sendable {
    /// The most fields an entry describes.
    static let maximumCount = 15

    /// Bits 0..<4: the field count; then four bits per position, the first at bits 4..<8.
    private let entry = Atomic<UInt64>(0)

    init() {}

    /// Writes the remembered order of `count` fields to `order[0..<count]` and returns `true`, or
    /// returns `false` when the entry is for another number of fields.
    @inline(__always)
    func load(count: Int, into order: UnsafeMutableBufferPointer<Int>) -> Bool {
        var packed = entry.load(ordering: .relaxed)
        guard Int(truncatingIfNeeded: packed & 0xF) == count, count > 1 else { return false }
        var index = 0
        while index < count {
            packed &>>= 4
            order[index] = Int(truncatingIfNeeded: packed & 0xF)
            index &+= 1
        }
        return true
    }

    /// Remembers `order` (a permutation of `0..<order.count`) when it is short enough.
    func store(_ order: UnsafeMutableBufferPointer<Int>) {
        let count = order.count
        guard count > 1 && count <= Self.maximumCount else { return }
        var packed = UInt64(count)
        for index in 0..<count {
            packed |= UInt64(truncatingIfNeeded: order[index]) &<< (4 &+ 4 &* UInt64(index))
        }
        entry.store(packed, ordering: .relaxed)
    }
}
