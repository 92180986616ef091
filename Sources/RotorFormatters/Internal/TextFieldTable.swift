/// The notes ``TextFieldList`` keeps of its fields, as parallel arrays in one block of memory
/// (on the stack, or on the heap for a record with many fields), for `capacity` fields:
///
/// - `ranks`: the key's rank (``TextFieldList/stringRank`` for a key that is not ASCII);
/// - `starts`: where the pair starts; one slot more, for the end of the fields plus one, so that
///   every pair ends one byte before the next start;
/// - `keyCounts`: the length of a key that is in the line as it is (it needed no escaping), or
///   -1 for any other key, which is then in `generalKeys`, its value's start in
///   `generalValueStarts`.
@usableFromInline
struct TextFieldTable {
    let ranks: UnsafeMutablePointer<UInt64>
    let starts: UnsafeMutablePointer<Int>
    let keyCounts: UnsafeMutablePointer<Int>
    let generalKeys: UnsafeMutablePointer<StaticString>
    let generalValueStarts: UnsafeMutablePointer<Int>
    let capacity: Int

    /// Where `starts` is in the block of a table for `capacity` fields.
    @inlinable @inline(__always)
    static func startsOffset(capacity: Int) -> Int { 8 &* capacity }

    /// Where `keyCounts` is in the block of a table for `capacity` fields.
    @inlinable @inline(__always)
    static func keyCountsOffset(capacity: Int) -> Int { 16 &* capacity &+ 8 }

    /// Where `generalKeys` is in the block of a table for `capacity` fields.
    @inline(__always)
    static func generalKeysOffset(capacity: Int) -> Int { 24 * capacity + 8 }

    /// Where `generalValueStarts` is in the block of a table for `capacity` fields.
    @inline(__always)
    static func generalValueStartsOffset(capacity: Int) -> Int {
        generalKeysOffset(capacity: capacity) + MemoryLayout<StaticString>.stride * capacity
    }

    /// The size of the block of a table for `capacity` fields (aligned to 8).
    @inline(__always)
    static func byteCount(capacity: Int) -> Int { generalValueStartsOffset(capacity: capacity) + 8 * capacity }

    /// The table laid out in `block`, whose memory is bound already (see
    /// ``init(binding:capacity:)``).
    @inline(__always)
    init(_ block: UnsafeMutableRawPointer, capacity: Int) {
        ranks = block.assumingMemoryBound(to: UInt64.self)
        starts = (block + Self.startsOffset(capacity: capacity)).assumingMemoryBound(to: Int.self)
        keyCounts = (block + Self.keyCountsOffset(capacity: capacity)).assumingMemoryBound(to: Int.self)
        generalKeys = (block + Self.generalKeysOffset(capacity: capacity)).assumingMemoryBound(to: StaticString.self)
        generalValueStarts = (block + Self.generalValueStartsOffset(capacity: capacity)).assumingMemoryBound(
            to: Int.self)
        self.capacity = capacity
    }

    /// Lays a table out in `block` (uninitialised, at least ``byteCount(capacity:)`` bytes,
    /// aligned to 8), binding each array's memory to its type (which costs nothing at run time).
    @inline(__always)
    init(binding block: UnsafeMutableRawPointer, capacity: Int) {
        block.bindMemory(to: UInt64.self, capacity: capacity)
        (block + Self.startsOffset(capacity: capacity)).bindMemory(to: Int.self, capacity: capacity + 1)
        (block + Self.keyCountsOffset(capacity: capacity)).bindMemory(to: Int.self, capacity: capacity)
        (block + Self.generalKeysOffset(capacity: capacity)).bindMemory(to: StaticString.self, capacity: capacity)
        (block + Self.generalValueStartsOffset(capacity: capacity)).bindMemory(to: Int.self, capacity: capacity)
        self.init(block, capacity: capacity)
    }

    /// A block on the heap laid out as a table for `capacity` fields, holding a copy of the
    /// first `count` of `other`; free it with `deallocate()`.
    static func allocate(capacity: Int, copying other: TextFieldTable, count: Int) -> UnsafeMutableRawPointer {
        let block = UnsafeMutableRawPointer.allocate(byteCount: byteCount(capacity: capacity), alignment: 8)
        let table = TextFieldTable(binding: block, capacity: capacity)
        table.ranks.update(from: other.ranks, count: count)
        table.starts.update(from: other.starts, count: count)
        table.keyCounts.update(from: other.keyCounts, count: count)
        for index in 0..<count where other.keyCounts[index] < 0 {
            table.generalKeys[index] = other.generalKeys[index]
            table.generalValueStarts[index] = other.generalValueStarts[index]
        }
        return block
    }

    /// Notes field `index`: `key`, written from `start`, its value from `valueStart`.
    func note(index: Int, key: FieldKey, start: Int, valueStart: Int) {
        ranks[index] = key.isASCII ? key.rank : TextFieldList.stringRank
        starts[index] = start
        if key.isPlain {
            keyCounts[index] = key.count
        } else {
            keyCounts[index] = -1
            generalKeys[index] = key.key
            generalValueStarts[index] = valueStart
        }
    }

    /// Where the value of field `index` starts.
    func valueStart(_ index: Int) -> Int {
        let keyCount = keyCounts[index]
        return keyCount >= 0 ? starts[index] &+ keyCount &+ 1 : generalValueStarts[index]
    }

    /// Where the pair of field `index` ends (the ``starts`` slot after the last field holds the
    /// end of the fields plus one).
    @inline(__always)
    func end(_ index: Int) -> Int { starts[index &+ 1] &- 1 }
}
