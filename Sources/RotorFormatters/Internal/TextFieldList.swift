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
        /// The key's first eight bytes, big-endian and zero-padded, when the key is an ASCII
        /// literal: comparing two ranks compares the keys' beginnings in byte order.
        let rank: UInt64
        /// Whether the key is an ASCII literal (compared by bytes, not as a `String`).
        let isASCII: Bool
        let start: Int
        let valueStart: Int
        var end: Int

        @inline(__always)
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

    private let inline: UnsafeMutableBufferPointer<Field>
    private var spill: [Field] = []
    private(set) var count = 0

    init(inline: UnsafeMutableBufferPointer<Field>) {
        self.inline = inline
    }

    /// Starts a field at the buffer's end: a space unless it is the first, then `key=`.
    /// (Out of line, so that the JSON path of ``RecordFields``, which tests for text first,
    /// stays small enough for its own escaping to be inlined.)
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
        if count <= inline.count {
            Self.sortByKey(UnsafeBufferPointer(rebasing: inline[..<count]), in: &buffer)
        } else {
            // Rare: more fields than fit on the stack.
            let all = Array(inline) + spill
            all.withUnsafeBufferPointer { Self.sortByKey($0, in: &buffer) }
        }
    }

    private static func sortByKey(_ fields: UnsafeBufferPointer<Field>, in buffer: inout LogBuffer) {
        let count = fields.count
        var sorted = true
        for position in 1..<count where !precedes(fields[position - 1], fields[position]) {
            sorted = false
            break
        }
        if sorted { return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
            // A stable insertion sort of the positions: equal keys stay in call order.
            for position in 0..<count {
                var slot = position
                while slot > 0 && precedes(fields[position], fields[order[slot - 1]]) {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = position
            }
            let regionStart = fields[0].start
            let tail = buffer.count
            var group = 0
            while group < count {
                var last = group
                while last + 1 < count && !precedes(fields[order[group]], fields[order[last + 1]]) { last += 1 }
                if group > 0 { buffer.append(UInt8(ascii: " ")) }
                let keyField = fields[order[group]]
                if last == group {
                    buffer.appendCopy(from: keyField.start, to: keyField.end)
                } else {
                    let valueField = fields[order[last]]
                    buffer.appendCopy(from: keyField.start, to: keyField.valueStart)
                    buffer.appendCopy(from: valueField.valueStart, to: valueField.end)
                }
                group = last + 1
            }
            buffer.moveTail(from: tail, to: regionStart)
        }
    }

    /// `String`'s `<` on two fields' keys: byte order for ASCII literals (the usual case),
    /// decided by their ranks unless both begin with the same eight bytes; other keys are
    /// compared as strings.
    @inline(__always)
    static func precedes(_ lhs: Field, _ rhs: Field) -> Bool {
        guard lhs.isASCII && rhs.isASCII else { return lhs.key.description < rhs.key.description }
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        let left = lhs.key
        let right = rhs.key
        let common = min(left.utf8CodeUnitCount, right.utf8CodeUnitCount)
        var index = 8
        while index < common {
            if left.utf8Start[index] != right.utf8Start[index] { return left.utf8Start[index] < right.utf8Start[index] }
            index &+= 1
        }
        return left.utf8CodeUnitCount < right.utf8CodeUnitCount
    }
}
