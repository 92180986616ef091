public import RotorCore

/// The typed fields ``TextFormatter`` has written for one direct record, as `key=value` pairs
/// separated by single spaces, and what it needs to put them in key order: afterwards
/// ``placeInKeyOrder(from:to:in:remembering:)`` gives them the order and form metadata has
/// (sorted by key, the last value of a repeated key), so a direct record gives the line its
/// fields would give as swift-log metadata.
///
/// Per field it notes the key's rank and where the pair starts (a pair ends one byte before the
/// next one starts). A key that needs no escaping (the usual case) is in the line as it is, so
/// its length is all that is noted of it; other keys are kept as they are, with where their
/// value starts. The notes sit in a block on the formatter's stack with room for
/// ``inlineCapacity`` fields, in arrays at fixed offsets, so that noting a field is a few stores
/// of constants and offsets; a record with more fields moves them all to the heap.
@usableFromInline
struct TextFieldList {
    /// How many fields the stack block holds.
    @inlinable
    static var inlineCapacity: Int { 16 }

    /// The stack block's size in bytes (see ``TextFieldTable/byteCount(capacity:)``).
    static var inlineByteCount: Int { TextFieldTable.byteCount(capacity: inlineCapacity) }

    /// The rank of a key that is not an ASCII literal: compared as a `String`, never by rank.
    /// No ASCII key has it (an ASCII key's rank has its top bit clear).
    static var stringRank: UInt64 { .max }

    /// The stack block, laid out as a ``TextFieldTable`` of ``inlineCapacity`` fields.
    @usableFromInline let inline: UnsafeMutableRawPointer
    @usableFromInline var count = 0
    /// The heap block holding all the fields once there are more than ``inlineCapacity``, laid
    /// out as a ``TextFieldTable`` of ``spillCapacity`` fields; `nil` until then.
    private var spill: UnsafeMutableRawPointer?
    private var spillCapacity = 0

    /// A list that notes its fields in `inline` (on the caller's stack, at least
    /// ``inlineByteCount`` bytes, aligned to 8) until they outgrow it.
    init(inline: UnsafeMutableRawPointer) {
        self.inline = inline
        _ = TextFieldTable(binding: inline, capacity: Self.inlineCapacity)
    }

    /// The fields' notes.
    var table: TextFieldTable {
        if let spill { return TextFieldTable(spill, capacity: spillCapacity) }
        return TextFieldTable(inline, capacity: Self.inlineCapacity)
    }

    /// Frees the heap block, if the fields moved there. The list is empty afterwards.
    mutating func releaseStorage() {
        if let spill { spill.deallocate() }
        spill = nil
        count = 0
    }

    /// Starts a field whose key needs no escaping at the buffer's end, when it fits in the stack
    /// block: writes a space unless it is the first, then `key=`, and returns `true`. Otherwise
    /// returns `false` and writes nothing. Inlined into ``RecordFields``' callers, where a
    /// literal key's bytes, length and rank are constants.
    @inlinable @inline(__always)
    mutating func beginPlain(_ key: FieldKey, in buffer: inout LogBuffer) -> Bool {
        let index = count
        guard key.isPlain, index < Self.inlineCapacity else { return false }
        let length = key.count
        let space = index > 0 ? 1 : 0
        buffer.appendInPlace(maximumCount: length &+ 2) { out in
            out[0] = UInt8(ascii: " ")
            UnsafeMutableRawPointer(out + space).copyMemory(from: key.bytes, byteCount: length)
            out[space &+ length] = UInt8(ascii: "=")
            return space &+ length &+ 1
        }
        let offset = index &* 8
        // A plain key is ASCII.
        inline.storeBytes(of: key.rank, toByteOffset: offset, as: UInt64.self)
        inline.storeBytes(
            of: buffer.count &- length &- 1,
            toByteOffset: TextFieldTable.startsOffset(capacity: Self.inlineCapacity) &+ offset, as: Int.self)
        inline.storeBytes(
            of: length, toByteOffset: TextFieldTable.keyCountsOffset(capacity: Self.inlineCapacity) &+ offset,
            as: Int.self)
        count = index &+ 1
        return true
    }

    /// Ends the field ``beginPlain(_:in:)`` began. Nothing to note: the next pair, or the end of
    /// the fields, says where it ends.
    @inlinable @inline(__always)
    func endPlain(in buffer: inout LogBuffer) {}

    /// Starts any field at the buffer's end: a space unless it is the first, then `key=`.
    @inline(never)
    mutating func begin(_ key: FieldKey, in buffer: inout LogBuffer) {
        if count > 0 { buffer.append(UInt8(ascii: " ")) }
        let start = buffer.count
        if key.isPlain {
            buffer.append(key.bytes, count: key.count)
        } else {
            TextEscaper.appendEscaped(key.key, into: &buffer)
        }
        buffer.append(UInt8(ascii: "="))
        if count == (spill == nil ? Self.inlineCapacity : spillCapacity) {
            let capacity = count * 2
            let larger = TextFieldTable.allocate(capacity: capacity, copying: table, count: count)
            if let spill { spill.deallocate() }
            spill = larger
            spillCapacity = capacity
        }
        table.note(index: count, key: key, start: start, valueStart: buffer.count)
        count += 1
    }

    /// Ends the field begun last (nothing to note, as for ``endPlain(in:)``).
    @inline(__always)
    func end(in buffer: inout LogBuffer) {}
}
