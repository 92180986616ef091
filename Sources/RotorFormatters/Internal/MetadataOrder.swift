import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

extension MetadataOrder {
    /// One captured dictionary entry: where its key and value are. Plain data, moved freely.
    struct CapturedEntry {
        let key: UnsafeBufferPointer<UInt8>
        let value: CapturedValue
    }

    /// Calls `body` for each entry of a captured dictionary in key order: the order of
    /// ``forEachSorted(_:_:)`` for the dictionary it was captured from.
    @inline(__always)
    static func forEachSorted(
        _ metadata: CapturedMetadata, _ body: (UnsafeBufferPointer<UInt8>, CapturedValue) -> Void
    ) {
        let count = metadata.count
        if count == 0 { return }
        if count == 1 {
            metadata.forEachEntry(body)
            return
        }
        guard count <= smallCount else {
            var entries: [CapturedEntry] = []
            entries.reserveCapacity(count)
            metadata.forEachEntry { entries.append(CapturedEntry(key: $0, value: $1)) }
            entries.sort { precedes($0.key, $1.key) }
            for entry in entries { body(entry.key, entry.value) }
            return
        }
        withUnsafeTemporaryAllocation(of: CapturedEntry.self, capacity: count) { entries in
            var filled = 0
            metadata.forEachEntry { key, value in
                var slot = filled
                while slot > 0 && precedes(key, entries[slot - 1].key) {
                    entries[slot] = entries[slot - 1]
                    slot -= 1
                }
                entries[slot] = CapturedEntry(key: key, value: value)
                filled += 1
            }
            for position in 0..<filled { body(entries[position].key, entries[position].value) }
        }
    }

    /// Whether captured key `lhs` sorts before `rhs` with `String`'s `<`: for ASCII keys that is
    /// byte order (a prefix first), compared in place; other keys are compared as strings, since
    /// `<` orders them by their NFC forms.
    @inline(__always)
    static func precedes(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isASCII(lhs) && isASCII(rhs) else {
            return String(decoding: lhs, as: UTF8.self) < String(decoding: rhs, as: UTF8.self)
        }
        let common = min(lhs.count, rhs.count)
        if common > 0, let left = lhs.baseAddress, let right = rhs.baseAddress {
            let order = memcmp(left, right, common)
            if order != 0 { return order < 0 }
        }
        return lhs.count < rhs.count
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }
}
