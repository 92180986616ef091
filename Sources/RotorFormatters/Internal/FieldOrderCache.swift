import Synchronization

/// The orders in which ``TextFormatter`` put the typed fields of recent direct records, one per
/// key set: the records of one call site name the same keys in the same order, so the next
/// record of that call site copies its pairs in that order without sorting them.
///
/// An order is found by a signature of the keys (a hash of their ranks in call order, see
/// ``TextFieldList/signature(_:count:)``), so call sites that take turns on one formatter keep
/// their own entries unless their signatures meet in one of the ``slotCount`` slots. Whatever
/// the slot holds is a guess, checked before it is used: the keys' ranks taken in that order
/// must be strictly increasing, which is exactly the sorted order of distinct ASCII keys, so a
/// stale entry, or one of another call site, costs a sort but never changes a byte.
///
/// Each entry is one atomic word (the field count, then four bits per position), shared by every
/// thread without a lock; it holds records of at most ``maximumCount`` fields.
final class FieldOrderCache: Sendable {
    /// The most fields an entry describes.
    static let maximumCount = 15

    /// How many entries the cache holds.
    static let slotCount = 8

    // Eight words: `Atomic` is not copyable, so they cannot be elements of an array; the
    // dispatch below compiles to one indexed jump.
    private let slot0 = Atomic<UInt64>(0)
    private let slot1 = Atomic<UInt64>(0)
    private let slot2 = Atomic<UInt64>(0)
    private let slot3 = Atomic<UInt64>(0)
    private let slot4 = Atomic<UInt64>(0)
    private let slot5 = Atomic<UInt64>(0)
    private let slot6 = Atomic<UInt64>(0)
    private let slot7 = Atomic<UInt64>(0)
    /// The order remembered last, whatever its signature: tried first, so that the records of one
    /// busy call site need no signature.
    private let recent = Atomic<UInt64>(0)

    init() {}

    /// The order remembered for key sets with `signature`, or 0 when there is none. Packed: bits
    /// 0..<4 hold the field count, then four bits per field, in sorted order, its position in
    /// call order plus one (so the positions end at the first zero), the first at bits 4..<8.
    @inline(__always)
    func order(for signature: UInt64) -> UInt64 {
        switch Self.slot(of: signature) {
        case 0: slot0.load(ordering: .relaxed)
        case 1: slot1.load(ordering: .relaxed)
        case 2: slot2.load(ordering: .relaxed)
        case 3: slot3.load(ordering: .relaxed)
        case 4: slot4.load(ordering: .relaxed)
        case 5: slot5.load(ordering: .relaxed)
        case 6: slot6.load(ordering: .relaxed)
        default: slot7.load(ordering: .relaxed)
        }
    }

    /// The order remembered last (packed, see ``order(for:)``), or 0.
    @inline(__always)
    var recentOrder: UInt64 { recent.load(ordering: .relaxed) }

    /// Remembers `order` (packed, see ``order(for:)``) for key sets with `signature`, and as the
    /// ``recentOrder``.
    func remember(_ order: UInt64, for signature: UInt64) {
        recent.store(order, ordering: .relaxed)
        switch Self.slot(of: signature) {
        case 0: slot0.store(order, ordering: .relaxed)
        case 1: slot1.store(order, ordering: .relaxed)
        case 2: slot2.store(order, ordering: .relaxed)
        case 3: slot3.store(order, ordering: .relaxed)
        case 4: slot4.store(order, ordering: .relaxed)
        case 5: slot5.store(order, ordering: .relaxed)
        case 6: slot6.store(order, ordering: .relaxed)
        default: slot7.store(order, ordering: .relaxed)
        }
    }

    /// The slot of `signature`: the top three bits of a multiplicative hash.
    @inline(__always)
    static func slot(of signature: UInt64) -> Int {
        Int(truncatingIfNeeded: (signature &* 0x9E37_79B9_7F4A_7C15) &>> 61)
    }

    /// `order` (a permutation of `0..<order.count`) packed as an entry, or `nil` when it has
    /// fewer than two or more than ``maximumCount`` positions.
    static func pack(_ order: UnsafeMutableBufferPointer<Int>) -> UInt64? {
        let count = order.count
        guard count > 1 && count <= maximumCount else { return nil }
        var packed = UInt64(count)
        for index in 0..<count {
            packed |= UInt64(truncatingIfNeeded: (order[index] &+ 1) & 0xF) &<< (4 &+ 4 &* UInt64(index))
        }
        return packed
    }
}
