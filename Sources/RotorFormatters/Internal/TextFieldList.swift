import RotorCore

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
    struct Field {
        let key: StaticString
        let start: Int
        let valueStart: Int
        var end: Int
    }

    /// How many fields fit on the stack.
    static let inlineCapacity = 16

    private let inline: UnsafeMutableBufferPointer<Field>
    private var spill: [Field] = []
    private(set) var count = 0

    init(inline: UnsafeMutableBufferPointer<Field>) {
        self.inline = inline
    }

    private subscript(position: Int) -> Field {
        position < inline.count ? inline[position] : spill[position - inline.count]
    }

    /// Starts a field at the buffer's end: a space unless it is the first, then `key=`.
    /// (Out of line, so that the JSON path of ``RecordFields``, which tests for text first,
    /// stays small enough for its own escaping to be inlined.)
    @inline(never)
    mutating func begin(_ key: StaticString, in buffer: inout LogBuffer) {
        if count > 0 { buffer.append(UInt8(ascii: " ")) }
        let start = buffer.count
        TextEscaper.appendEscaped(key, into: &buffer)
        buffer.append(UInt8(ascii: "="))
        let field = Field(key: key, start: start, valueStart: buffer.count, end: buffer.count)
        if count < inline.count {
            inline.initializeElement(at: count, to: field)
        } else {
            spill.append(field)
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
            spill[last - inline.count].end = buffer.count
        }
    }

    /// Rewrites the pairs in key order (`String`'s `<`, as metadata is sorted), keeping one pair
    /// per key: the first key's spelling with the last value, as a `Logger.Metadata` built from
    /// the same calls holds. Does nothing when the keys are already in strictly increasing order.
    mutating func sortByKey(in buffer: inout LogBuffer) {
        guard count > 1 else { return }
        var sorted = true
        for position in 1..<count where !Self.precedes(self[position - 1].key, self[position].key) {
            sorted = false
            break
        }
        if sorted { return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
            // A stable insertion sort of the positions: equal keys stay in call order.
            for position in 0..<count {
                var slot = position
                while slot > 0 && Self.precedes(self[position].key, self[order[slot - 1]].key) {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = position
            }
            let regionStart = self[0].start
            let tail = buffer.count
            var pairs = 0
            var group = 0
            while group < count {
                var last = group
                while last + 1 < count && !Self.precedes(self[order[group]].key, self[order[last + 1]].key) { last += 1 }
                let keyField = self[order[group]]
                let valueField = self[order[last]]
                if pairs > 0 { buffer.append(UInt8(ascii: " ")) }
                buffer.appendCopy(from: keyField.start, to: keyField.valueStart)
                buffer.appendCopy(from: valueField.valueStart, to: valueField.end)
                pairs += 1
                group = last + 1
            }
            buffer.moveTail(from: tail, to: regionStart)
        }
    }

    /// `String`'s `<` on two keys: byte order for ASCII literals (the usual case), compared in
    /// place; other keys are compared as strings.
    @inline(__always)
    static func precedes(_ lhs: StaticString, _ rhs: StaticString) -> Bool {
        guard lhs.hasPointerRepresentation && rhs.hasPointerRepresentation && lhs.isASCII && rhs.isASCII else {
            return lhs.description < rhs.description
        }
        let left = lhs.utf8Start
        let right = rhs.utf8Start
        let common = min(lhs.utf8CodeUnitCount, rhs.utf8CodeUnitCount)
        var index = 0
        while index < common {
            if left[index] != right[index] { return left[index] < right[index] }
            index &+= 1
        }
        return lhs.utf8CodeUnitCount < rhs.utf8CodeUnitCount
    }
}
