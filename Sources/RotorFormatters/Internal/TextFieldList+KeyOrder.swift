import RotorCore

extension TextFieldList {
    /// How far past the line ``TextFormatter`` writes the pairs when it sorts them, so that the
    /// sorted pairs can be copied once, straight into place (when they are at most this long
    /// less ``overrun``).
    static let gap = 256

    /// The bytes a short pair's copy may read and write past its end: every pair of up to this
    /// many bytes is copied as two 16-byte moves.
    static let overrun = 32

    /// Puts the pairs written from `source` to the buffer's end at `destination` (at most
    /// `source`), in the order and form metadata has: sorted by key (`String`'s `<`), one pair
    /// per key, the first key's spelling with the last value. The buffer ends after them.
    ///
    /// The order a record of the same call site took is remembered (see ``FieldOrderCache``):
    /// first the order of the last record that was sorted, then the one remembered for the
    /// record's key signature. Each is checked while the pairs are copied in that order straight
    /// into place: the keys' ranks must come out strictly increasing, which for ASCII keys is
    /// exactly the sorted order with no repeated key; a check that fails leaves the pairs where
    /// they were, and the record is sorted out of line.
    @inline(__always)
    func placeInKeyOrder(
        from source: Int, to destination: Int, in buffer: inout LogBuffer, remembering cache: FieldOrderCache
    ) {
        let count = self.count
        guard count > 1 else {
            if source != destination { buffer.moveTail(from: source, to: destination) }
            return
        }
        let end = buffer.count
        let length = end &- source
        guard count <= FieldOrderCache.maximumCount && length &+ Self.overrun <= source &- destination else {
            let table = self.table
            table.starts[count] = end &+ 1
            Self.sortAndPlace(table, count: count, from: source, to: destination, in: &buffer, cache: cache)
            return
        }
        // At most ``FieldOrderCache/maximumCount`` fields: all in the stack block.
        let ranks = inline.assumingMemoryBound(to: UInt64.self)
        let starts = (inline + TextFieldTable.startsOffset(capacity: Self.inlineCapacity)).assumingMemoryBound(
            to: Int.self)
        starts[count] = end &+ 1
        let recent = cache.recentOrder
        if Self.copyIfSorted(ranks, starts, count: count, order: recent, end: end, to: destination, in: &buffer) {
            buffer.truncate(to: destination &+ length)
            return
        }
        placeBySignature(from: source, to: destination, in: &buffer, remembering: cache, tried: recent)
    }

    /// ``placeInKeyOrder(from:to:in:remembering:)`` for a record the order sorted last does not
    /// fit: out of line, the order remembered for its key signature, then a sort. The pairs are
    /// in the stack block, and the `starts` slot after the last one is set.
    @inline(never)
    func placeBySignature(
        from source: Int, to destination: Int, in buffer: inout LogBuffer, remembering cache: FieldOrderCache,
        tried recent: UInt64
    ) {
        let ranks = inline.assumingMemoryBound(to: UInt64.self)
        let starts = (inline + TextFieldTable.startsOffset(capacity: Self.inlineCapacity)).assumingMemoryBound(
            to: Int.self)
        let end = buffer.count
        let order = cache.order(for: Self.signature(ranks, count: count))
        if order != recent
            && Self.copyIfSorted(ranks, starts, count: count, order: order, end: end, to: destination, in: &buffer)
        {
            buffer.truncate(to: destination &+ end &- source)
            return
        }
        Self.sortAndPlace(table, count: count, from: source, to: destination, in: &buffer, cache: cache)
    }

    /// A hash of the keys' ranks in call order, which picks the key set's entry in a
    /// ``FieldOrderCache``.
    @inline(__always)
    static func signature(_ ranks: UnsafeMutablePointer<UInt64>, count: Int) -> UInt64 {
        var signature = UInt64(truncatingIfNeeded: count)
        var index = 0
        while index < count {
            signature = (signature &<< 5 | signature &>> 59) ^ ranks[index]
            index &+= 1
        }
        return signature
    }

    /// Whether `order` (packed as ``FieldOrderCache`` keeps it) describes `count` fields whose
    /// ranks, taken in that order, are strictly increasing, none of them ``stringRank``: the
    /// orders worth remembering, since ``copyIfSorted(_:_:count:order:end:to:in:)`` accepts them.
    static func sortsStrictly(_ ranks: UnsafeMutablePointer<UInt64>, count: Int, order: UInt64) -> Bool {
        guard Int(truncatingIfNeeded: order & 0xF) == count else { return false }
        var positions = order &>> 4
        var previous: UInt64?
        while positions != 0 {
            let rank = ranks[Int(truncatingIfNeeded: positions & 0xF) &- 1]
            if let previous, previous >= rank { return false }
            previous = rank
            positions &>>= 4
        }
        return previous != stringRank
    }

    /// Copies the pairs, which end at `end` (the buffer's end), in `order` (packed as
    /// ``FieldOrderCache`` keeps it) to `destination`, each followed by a space, and returns
    /// `true` when `order` describes `count` fields whose ranks, taken in that order, are strictly
    /// increasing and none of them ``stringRank``: then the keys are ASCII, distinct, and in that
    /// order sorted. Otherwise returns `false`, having copied some of the pairs or none.
    ///
    /// The copies read and write up to ``overrun`` bytes past a pair, so the pairs must start at
    /// least their length plus ``overrun`` bytes after `destination`, and they are never
    /// overwritten; `starts` holds one more start after the last pair's, `end` plus one.
    @inline(__always)
    static func copyIfSorted(
        _ ranks: UnsafeMutablePointer<UInt64>, _ starts: UnsafeMutablePointer<Int>, count: Int, order: UInt64,
        end: Int, to destination: Int, in buffer: inout LogBuffer
    ) -> Bool {
        guard Int(truncatingIfNeeded: order & 0xF) == count else { return false }
        var sorted = false
        // Room for the last pair's copy to read past the buffer's end; nothing is appended.
        buffer.appendInPlace(maximumCount: overrun) { tail in
            let storage = tail - end
            var out = storage + destination
            // Positions are stored plus one: field `p` is at `p - 1`, and ends where `p` starts.
            var positions = order &>> 4
            var position = Int(truncatingIfNeeded: positions & 0xF)
            var previous = ranks[position &- 1]
            while true {
                let start = starts[position &- 1]
                let length = starts[position] &- 1 &- start
                let from = UnsafeRawPointer(storage + start)
                let to = UnsafeMutableRawPointer(out)
                if length <= overrun {
                    to.storeBytes(of: from.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                    to.storeBytes(
                        of: from.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16,
                        as: SIMD16<UInt8>.self)
                } else {
                    to.copyMemory(from: from, byteCount: length)
                }
                out[length] = UInt8(ascii: " ")
                out += length &+ 1
                positions &>>= 4
                guard positions != 0 else { break }
                position = Int(truncatingIfNeeded: positions & 0xF)
                let rank = ranks[position &- 1]
                guard previous < rank else { return 0 }
                previous = rank
            }
            sorted = previous != stringRank
            return 0
        }
        return sorted
    }

    /// ``placeInKeyOrder(from:to:in:remembering:)`` for a record whose remembered order does
    /// not fit: a stable insertion sort of the positions, which for the handful of fields a
    /// record has costs a few comparisons of eight-byte ranks. The order is remembered when it
    /// can be checked by ranks alone. The `starts` slot after the last field must hold the end of
    /// the fields plus one.
    @inline(never)
    static func sortAndPlace(
        _ table: TextFieldTable, count: Int, from source: Int, to destination: Int, in buffer: inout LogBuffer,
        cache: FieldOrderCache
    ) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
            let distinct = buffer.withUnsafeBytes { bytes in
                TextFieldKeys(table: table, line: bytes.baseAddress.unsafelyUnwrapped).sort(count: count, into: order)
            }
            if distinct, let packed = FieldOrderCache.pack(order),
                sortsStrictly(table.ranks, count: count, order: packed)
            {
                cache.remember(packed, for: signature(table.ranks, count: count))
            }
            var inOrder = distinct
            for index in 0..<count where order[index] != index { inOrder = false }
            if inOrder {
                buffer.moveTail(from: source, to: destination)
                return
            }
            // The sorted pairs are never longer than the unsorted ones: a repeated key keeps one
            // spelling, one value and one space fewer.
            let tail = buffer.count
            buffer.appendInPlace(maximumCount: tail &- source) { out in
                // `out` is `tail` bytes past the start of the buffer's storage.
                TextFieldKeys(table: table, line: UnsafeRawPointer(out - tail)).copyGroups(
                    count: count, order: order, to: out)
            }
            buffer.moveTail(from: tail, to: destination)
        }
    }
}
