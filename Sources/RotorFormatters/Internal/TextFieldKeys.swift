/// The keys of a ``TextFieldTable``'s fields, read from the line they were written into, for
/// the out-of-line sort: compares them as metadata keys are sorted (`String`'s `<`) and copies
/// the pairs in key order.
struct TextFieldKeys {
    let table: TextFieldTable
    /// The start of the buffer's storage, where the pairs are.
    let line: UnsafeRawPointer

    /// Sorts the positions of the fields into `order` by key, equal keys in call order, and
    /// returns whether all keys are distinct.
    func sort(count: Int, into order: UnsafeMutableBufferPointer<Int>) -> Bool {
        for position in 0..<count {
            var slot = position
            while slot > 0 && precedes(position, order[slot &- 1]) {
                order[slot] = order[slot &- 1]
                slot &-= 1
            }
            order[slot] = position
        }
        for index in 1..<count where !precedes(order[index &- 1], order[index]) { return false }
        return true
    }

    /// Copies the pairs in `order` to `out` (which does not overlap them), separated by spaces,
    /// one per key: the first key's spelling with the last value. Returns the number of bytes
    /// written.
    func copyGroups(count: Int, order: UnsafeMutableBufferPointer<Int>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        var group = 0
        while group < count {
            var last = group
            while last &+ 1 < count && !precedes(order[group], order[last &+ 1]) {
                last &+= 1
            }
            if group > 0 {
                out[written] = UInt8(ascii: " ")
                written &+= 1
            }
            let keyIndex = order[group]
            let valueIndex = order[last]
            let keyEnd = last == group ? table.end(keyIndex) : table.valueStart(keyIndex)
            written &+= copy(from: table.starts[keyIndex], to: keyEnd, into: out + written)
            if last != group {
                written &+= copy(from: table.valueStart(valueIndex), to: table.end(valueIndex), into: out + written)
            }
            group = last &+ 1
        }
        return written
    }

    /// Copies `line[start..<end]` to `destination` and returns the number of bytes.
    private func copy(from start: Int, to end: Int, into destination: UnsafeMutablePointer<UInt8>) -> Int {
        UnsafeMutableRawPointer(destination).copyMemory(from: line + start, byteCount: end &- start)
        return end &- start
    }

    /// `String`'s `<` on the keys of fields `lhs` and `rhs`: byte order for ASCII keys (the usual
    /// case), decided by their ranks unless both begin with the same eight bytes; other keys are
    /// compared as strings.
    func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
        let left = table.ranks[lhs]
        let right = table.ranks[rhs]
        guard left != TextFieldList.stringRank && right != TextFieldList.stringRank else {
            return string(lhs) < string(rhs)
        }
        if left != right { return left < right }
        let (leftBytes, rightBytes) = (asciiBytes(lhs), asciiBytes(rhs))
        let common = min(leftBytes.count, rightBytes.count)
        for index in 0..<common where leftBytes[index] != rightBytes[index] {
            return leftBytes[index] < rightBytes[index]
        }
        return leftBytes.count < rightBytes.count
    }

    /// The bytes of an ASCII key: in the line when it needed no escaping, otherwise the literal's.
    private func asciiBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let keyCount = table.keyCounts[index]
        if keyCount >= 0 {
            return UnsafeBufferPointer(
                start: (line + table.starts[index]).assumingMemoryBound(to: UInt8.self), count: keyCount)
        }
        let key = table.generalKeys[index]
        return UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
    }

    /// A key as a `String`.
    private func string(_ index: Int) -> String {
        table.keyCounts[index] >= 0
            ? String(decoding: asciiBytes(index), as: UTF8.self)
            : table.generalKeys[index].description
    }
}
