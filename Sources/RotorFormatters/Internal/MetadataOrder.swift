/// The one order in which the formatters write metadata keys.
///
/// Keys are compared with `String`'s `<`: Unicode scalar order of the keys' canonical (NFC)
/// forms, which for NFC keys (every ASCII key) is byte-wise UTF-8 order. The order is the same in
/// every process and on every platform, so equal records give equal bytes, and a record and its
/// capture give the same bytes (``RecordText/sortsBefore(_:_:)``).
enum MetadataOrder {
    /// The deepest nesting of metadata containers written; see ``JSONFormatter/maximumMetadataDepth``.
    static let maximumDepth = 64

    /// Up to this many entries are sorted on the stack (insertion sort, no allocation); larger
    /// dictionaries are sorted into a temporary array.
    static let smallCount = 16

    /// One dictionary entry, copied out of the dictionary once. (A struct, not a tuple: moving
    /// tuples through unsafe pointers goes through the runtime's generic tuple witnesses.)
    struct Entry<Container: MetadataView> {
        let key: Container.Text
        let value: MetadataElement<Container>
    }

    /// Calls `body` for each entry of the dictionary `metadata` in key order.
    ///
    /// Each entry is read out of the dictionary exactly once (one iteration), and the copies are
    /// sorted by moving them: the dictionary is never subscripted again, which would copy the
    /// entry's value (an enum with reference payloads) for every comparison.
    @inline(__always)
    static func forEachSorted<Container: MetadataView>(
        _ metadata: Container, _ body: (Container.Text, MetadataElement<Container>) -> Void
    ) {
        let count = metadata.count
        if count == 0 { return }
        if count == 1 {
            metadata.forEachEntry { key, value in body(key, value) }
            return
        }
        guard count <= smallCount else {
            var entries: [Entry<Container>] = []
            entries.reserveCapacity(count)
            metadata.forEachEntry { key, value in entries.append(Entry(key: consume key, value: consume value)) }
            entries.sort { Container.Text.sortsBefore($0.key, $1.key) }
            for entry in entries { body(entry.key, entry.value) }
            return
        }
        withUnsafeTemporaryAllocation(of: Entry<Container>.self, capacity: count) { entries in
            let filled = insertSorted(metadata, into: entries)
            // Moving each entry out leaves nothing to deinitialize afterwards.
            for position in 0..<filled {
                let entry = entries.moveElement(from: position)
                body(entry.key, entry.value)
            }
        }
    }

    /// Copies the entries of `metadata` into `entries` in key order (insertion sort: larger
    /// keys are moved right, then the new entry is placed) and returns how many were copied.
    @inline(__always)
    private static func insertSorted<Container: MetadataView>(
        _ metadata: Container, into entries: UnsafeMutableBufferPointer<Entry<Container>>
    ) -> Int {
        var filled = 0
        metadata.forEachEntry { key, value in
            guard filled < entries.count else { return }
            var slot = filled
            while slot > 0 && Container.Text.sortsBefore(key, entries[slot - 1].key) {
                entries.initializeElement(at: slot, to: entries.moveElement(from: slot - 1))
                slot -= 1
            }
            entries.initializeElement(at: slot, to: Entry(key: consume key, value: consume value))
            filled += 1
        }
        return filled
    }
}
