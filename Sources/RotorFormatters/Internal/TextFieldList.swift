public import RotorCore

/// The typed fields ``TextFormatter`` has written for one direct record, as `key=value` pairs
/// separated by spaces, and where each one is: afterwards ``sortByKey(in:)`` puts them in the
/// order and form metadata has (sorted by key, the last value of a repeated key), so a direct
/// record gives the line its fields would give as swift-log metadata.
///
/// The positions sit in a small buffer on the formatter's stack; only a record with more than its
/// capacity spills into an array.
@usableFromInline
struct TextFieldList {
    /// One pair: the key, and the byte offsets of the key, of the value, and of the pair's end.
    @usableFromInline
    struct Field {
        @usableFromInline let key: StaticString
        /// The key's first eight bytes, big-endian and zero-padded, when the key is an ASCII
        /// literal: comparing two ranks compares the keys' beginnings in byte order.
        @usableFromInline let rank: UInt64
        /// Whether the key is an ASCII literal (compared by bytes, not as a `String`).
        @usableFromInline let isASCII: Bool
        @usableFromInline let start: Int
        @usableFromInline let valueStart: Int
        @usableFromInline var end: Int

        @inlinable @inline(__always)
        init(key: FieldKey, start: Int, valueStart: Int) {
            self.key = key.key
            self.isASCII = key.isASCII
            self.rank = key.rank
            self.start = start
            self.valueStart = valueStart
            self.end = valueStart
        }
    }

    /// How many fields fit on the stack.
    static let inlineCapacity = 16

    /// The first ``inlineCapacity`` fields.
    @usableFromInline let inline: UnsafeMutableBufferPointer<Field>
    /// The fields after the first ``inlineCapacity``; `nil` (nothing to release) until then.
    private var spill: [Field]?
    @usableFromInline var count = 0

    /// Room for the sorted order of the fields on the stack, ``inlineCapacity`` positions.
    private let orderSpace: UnsafeMutableBufferPointer<Int>

    /// A list that keeps its first fields in `inline` and sorts them with `order` (both on the
    /// caller's stack, ``inlineCapacity`` elements each).
    init(inline: UnsafeMutableBufferPointer<Field>, order: UnsafeMutableBufferPointer<Int>) {
        self.inline = inline
        self.orderSpace = order
    }

    /// Starts a field whose key needs no escaping at the buffer's end, when it fits on the stack:
    /// writes a space unless it is the first, then `key=`, and returns `true`. Otherwise returns
    /// `false` and writes nothing. Inlined into ``RecordFields``' callers, where a literal key's
    /// bytes are constants.
    @inlinable @inline(__always)
    mutating func beginPlain(_ key: FieldKey, in buffer: inout LogBuffer) -> Bool {
        let index = count
        guard key.isPlain, index < inline.count else { return false }
        let length = key.count
        let space = index > 0 ? 1 : 0
        buffer.appendInPlace(maximumCount: length &+ 2) { out in
            out[0] = UInt8(ascii: " ")
            UnsafeMutableRawPointer(out + space).copyMemory(from: key.bytes, byteCount: length)
            out[space &+ length] = UInt8(ascii: "=")
            return space &+ length &+ 1
        }
        let valueStart = buffer.count
        inline.baseAddress.unsafelyUnwrapped.advanced(by: index).initialize(
            to: Field(key: key, start: valueStart &- length &- 1, valueStart: valueStart))
        count = index &+ 1
        return true
    }

    /// Ends the field ``beginPlain(_:in:)`` began, at the buffer's end.
    @inlinable @inline(__always)
    mutating func endPlain(in buffer: inout LogBuffer) {
        inline.baseAddress.unsafelyUnwrapped[count &- 1].end = buffer.count
    }

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
        let field = Field(key: key, start: start, valueStart: buffer.count)
        if count < inline.count {
            inline.initializeElement(at: count, to: field)
        } else {
            spill = (spill ?? []) + [field]
        }
        count += 1
    }

    /// Ends the field begun last at the buffer's end.
    @inline(__always)
    mutating func end(in buffer: inout LogBuffer) {
        let last = count - 1
        if last < inline.count {
            inline[last].end = buffer.count
        } else {
            spill?[last - inline.count].end = buffer.count
        }
    }

    /// Rewrites the pairs in key order (`String`'s `<`, as metadata is sorted), keeping one pair
    /// per key: the first key's spelling with the last value, as a `Logger.Metadata` built from
    /// the same calls holds. Does nothing when the keys are already in strictly increasing order.
    /// Tries the order in `cache` first, and leaves the order found there.
    mutating func sortByKey(in buffer: inout LogBuffer, remembering cache: FieldOrderCache) {
        guard count > 1 else { return }
        if count <= inline.count {
            Self.sortByKey(
                UnsafeBufferPointer(rebasing: inline[..<count]),
                order: UnsafeMutableBufferPointer(rebasing: orderSpace[..<count]), in: &buffer, remembering: cache)
        } else {
            // Rare: more fields than fit on the stack.
            let all = Array(inline) + (spill ?? [])
            var order = [Int](repeating: 0, count: all.count)
            all.withUnsafeBufferPointer { fields in
                order.withUnsafeMutableBufferPointer { order in
                    Self.sortByKey(fields, order: order, in: &buffer, remembering: cache)
                }
            }
        }
    }

    /// Sorts `fields` (at least two), all of them pairs written one after the other, separated
    /// by single spaces, from `fields[0].start` to the buffer's end, using `order` (as many
    /// positions as fields).
    ///
    /// First comes the order the last record took, when it sorts these keys (the usual case:
    /// one call site, one order); then, unless the keys are in order already, a stable insertion
    /// sort of the positions, which for the handful of fields a record has costs a few
    /// comparisons of eight-byte ranks. The pairs are then copied in that order after the
    /// buffer's end, in one reservation, and moved down over the unsorted ones.
    @inline(__always)
    private static func sortByKey(
        _ fields: UnsafeBufferPointer<Field>, order: UnsafeMutableBufferPointer<Int>, in buffer: inout LogBuffer,
        remembering cache: FieldOrderCache
    ) {
        let count = fields.count
        if cache.load(count: count, into: order) && isStrictlyIncreasing(fields, in: order) {
            // Distinct keys, sorted.
            copyInOrder(fields, order: order, distinct: true, in: &buffer)
            return
        }
        var sortedPrefix = 1
        while sortedPrefix < count && precedes(fields[sortedPrefix &- 1], fields[sortedPrefix]) {
            sortedPrefix &+= 1
        }
        if sortedPrefix == count { return }
        let distinct = sort(fields, sortedPrefix: sortedPrefix, into: order)
        if distinct { cache.store(order) }
        copyInOrder(fields, order: order, distinct: distinct, in: &buffer)
    }

    /// Whether the keys of `fields` taken in `order` are in strictly increasing order.
    @inline(__always)
    private static func isStrictlyIncreasing(
        _ fields: UnsafeBufferPointer<Field>, in order: UnsafeMutableBufferPointer<Int>
    ) -> Bool {
        var index = 1
        while index < order.count {
            guard precedes(fields[order[index &- 1]], fields[order[index]]) else { return false }
            index &+= 1
        }
        return true
    }

    /// Sorts the positions of `fields` into `order` and returns whether all keys are distinct
    /// (decided by distinct ranks; otherwise `false`, and the copy compares the keys).
    private static func sort(
        _ fields: UnsafeBufferPointer<Field>, sortedPrefix: Int, into order: UnsafeMutableBufferPointer<Int>
    ) -> Bool {
        let count = fields.count
        var allASCII = true
        for field in fields where !field.isASCII { allASCII = false }
        // A stable insertion sort of the positions: equal keys stay in call order. The
        // strictly increasing prefix found above is in place already.
        for position in 0..<sortedPrefix { order[position] = position }
        if allASCII {
            // The usual case: ranks decide, and only equal ranks look at more bytes.
            for position in sortedPrefix..<count {
                let rank = fields[position].rank
                var slot = position
                while slot > 0 {
                    let previous = order[slot &- 1]
                    let previousRank = fields[previous].rank
                    guard
                        rank < previousRank
                            || (rank == previousRank && asciiPrecedes(fields[position], fields[previous]))
                    else { break }
                    order[slot] = previous
                    slot &-= 1
                }
                order[slot] = position
            }
        } else {
            for position in sortedPrefix..<count {
                let field = fields[position]
                var slot = position
                while slot > 0 && precedes(field, fields[order[slot &- 1]]) {
                    order[slot] = order[slot &- 1]
                    slot &-= 1
                }
                order[slot] = position
            }
        }
        // Distinct ranks mean distinct keys: then every pair is copied whole.
        var distinct = allASCII
        var index = 1
        while distinct && index < count {
            distinct = fields[order[index &- 1]].rank != fields[order[index]].rank
            index &+= 1
        }
        return distinct
    }

    /// Copies the pairs in `order` after the buffer's end, in one reservation, and moves them
    /// down over the unsorted ones; with repeated keys (`distinct` is `false`), one per key.
    @inline(__always)
    private static func copyInOrder(
        _ fields: UnsafeBufferPointer<Field>, order: UnsafeMutableBufferPointer<Int>, distinct: Bool,
        in buffer: inout LogBuffer
    ) {
        let count = fields.count
        let regionStart = fields[0].start
        let tail = buffer.count
        // The sorted pairs are never longer than the unsorted ones: a repeated key keeps one
        // spelling, one value and one space fewer. (One byte more is reserved for the space
        // the loop below writes after the last pair.)
        buffer.appendInPlace(maximumCount: tail &- regionStart &+ 1) { out in
            // `out` is `tail` bytes past the start of the buffer's storage.
            let storage = UnsafePointer(out - tail)
            if distinct {
                var written = 0
                for index in 0..<count {
                    let field = fields[order[index]]
                    written &+= copy(storage, from: field.start, to: field.end, into: out + written)
                    out[written] = UInt8(ascii: " ")
                    written &+= 1
                }
                return written &- 1
            }
            return copyGroups(fields, order: order, from: storage, to: out)
        }
        buffer.moveTail(from: tail, to: regionStart)
    }

    /// Copies the pairs in `order` to `out`, one per key: the first key's spelling with the last
    /// value. Returns the number of bytes written.
    private static func copyGroups(
        _ fields: UnsafeBufferPointer<Field>, order: UnsafeMutableBufferPointer<Int>,
        from storage: UnsafePointer<UInt8>, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let count = fields.count
        var written = 0
        var group = 0
        while group < count {
            var last = group
            while last &+ 1 < count && !precedes(fields[order[group]], fields[order[last &+ 1]]) {
                last &+= 1
            }
            if group > 0 {
                out[written] = UInt8(ascii: " ")
                written &+= 1
            }
            let keyField = fields[order[group]]
            if last == group {
                written &+= copy(storage, from: keyField.start, to: keyField.end, into: out + written)
            } else {
                let valueField = fields[order[last]]
                written &+= copy(storage, from: keyField.start, to: keyField.valueStart, into: out + written)
                written &+= copy(storage, from: valueField.valueStart, to: valueField.end, into: out + written)
            }
            group = last &+ 1
        }
        return written
    }

    /// Copies `storage[start..<end]` to `destination` (which does not overlap it) and returns
    /// the number of bytes: pairs of up to 32 bytes with two or four overlapping word moves,
    /// longer ones with `memcpy`.
    @inline(__always)
    private static func copy(
        _ storage: UnsafePointer<UInt8>, from start: Int, to end: Int, into destination: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let count = end &- start
        let source = UnsafeRawPointer(storage + start)
        let target = UnsafeMutableRawPointer(destination)
        if count >= 8 && count <= 16 {
            target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self), toByteOffset: count &- 8,
                as: UInt64.self)
        } else if count > 16 && count <= 32 {
            target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: count &- 16, as: UInt64.self), toByteOffset: count &- 16,
                as: UInt64.self)
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self), toByteOffset: count &- 8,
                as: UInt64.self)
        } else if count >= 4 && count < 8 {
            target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self), toByteOffset: count &- 4,
                as: UInt32.self)
        } else {
            target.copyMemory(from: source, byteCount: count)
        }
        return count
    }

    /// `String`'s `<` on two fields' keys: byte order for ASCII literals (the usual case),
    /// decided by their ranks unless both begin with the same eight bytes; other keys are
    /// compared as strings. Only the comparison of ranks is inlined.
    @inline(__always)
    static func precedes(_ lhs: Field, _ rhs: Field) -> Bool {
        guard lhs.isASCII && rhs.isASCII else { return stringPrecedes(lhs, rhs) }
        return asciiPrecedes(lhs, rhs)
    }

    /// ``precedes(_:_:)`` for two ASCII literal keys: byte order.
    @inline(__always)
    static func asciiPrecedes(_ lhs: Field, _ rhs: Field) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        return bytesPrecede(lhs.key, rhs.key)
    }

    /// Byte order of two ASCII literals that begin with the same eight bytes.
    @inline(never)
    static func bytesPrecede(_ left: StaticString, _ right: StaticString) -> Bool {
        let common = min(left.utf8CodeUnitCount, right.utf8CodeUnitCount)
        var index = 8
        while index < common {
            if left.utf8Start[index] != right.utf8Start[index] { return left.utf8Start[index] < right.utf8Start[index] }
            index &+= 1
        }
        return left.utf8CodeUnitCount < right.utf8CodeUnitCount
    }

    /// `String`'s `<` on two keys, one of them not an ASCII literal.
    @inline(never)
    static func stringPrecedes(_ lhs: Field, _ rhs: Field) -> Bool {
        lhs.key.description < rhs.key.description
    }
}
