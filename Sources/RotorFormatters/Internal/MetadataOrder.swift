import Logging

/// The one order in which both formatters write metadata keys.
///
/// Keys are compared with `String`'s `<`: Unicode scalar order of the keys' canonical (NFC)
/// forms, which for NFC keys (every ASCII key) is byte-wise UTF-8 order. The order is the same in
/// every process and on every platform, so equal records give equal bytes.
enum MetadataOrder {
    /// The deepest nesting of metadata containers written; see ``JSONFormatter/maximumMetadataDepth``.
    static let maximumDepth = 64

    /// Up to this many entries are sorted on the stack (insertion sort, no allocation); larger
    /// dictionaries are sorted into a temporary array.
    static let smallCount = 16

    /// One dictionary entry, copied out of the dictionary once. (A struct, not a tuple: moving
    /// tuples through unsafe pointers goes through the runtime's generic tuple witnesses.)
    struct Entry {
        let key: String
        let value: Logger.MetadataValue
    }

    /// Calls `body` for each entry in key order.
    ///
    /// Each entry is copied out of the dictionary exactly once (one iteration), and the copies
    /// are sorted by moving them: the dictionary is never subscripted again, which would copy the
    /// entry's value (an enum with reference payloads) for every comparison.
    @inline(__always)
    static func forEachSorted(
        _ metadata: Logger.Metadata, _ body: (String, Logger.MetadataValue) -> Void
    ) {
        let count = metadata.count
        if count == 0 { return }
        if count == 1 {
            for (key, value) in metadata { body(key, value) }
            return
        }
        guard count <= smallCount else {
            for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { body(key, value) }
            return
        }
        withUnsafeTemporaryAllocation(of: Entry.self, capacity: count) { entries in
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
    private static func insertSorted(
        _ metadata: Logger.Metadata, into entries: UnsafeMutableBufferPointer<Entry>
    ) -> Int {
        var filled = 0
        for (key, value) in metadata where filled < entries.count {
            var slot = filled
            while slot > 0 && key < entries[slot - 1].key {
                entries.initializeElement(at: slot, to: entries.moveElement(from: slot - 1))
                slot -= 1
            }
            entries.initializeElement(at: slot, to: Entry(key: consume key, value: consume value))
            filled += 1
        }
        return filled
    }
}
