import Logging

/// The one order in which both formatters write metadata keys.
///
/// Keys are compared with `String`'s `<`: Unicode scalar order of the keys' canonical (NFC)
/// forms, which for NFC keys (every ASCII key) is byte-wise UTF-8 order. The order is the same in
/// every process and on every platform, so equal records give equal bytes.
enum MetadataOrder {
    /// The deepest nesting of metadata containers written; see ``JSONFormatter/maximumMetadataDepth``.
    static let maximumDepth = 64

    /// Up to this many entries are sorted in place on the stack (insertion sort over dictionary
    /// indices, no allocation); larger dictionaries are sorted into a temporary array.
    static let smallCount = 16

    /// Calls `body` for each entry in key order.
    @inline(__always)
    static func forEachSorted(
        _ metadata: Logger.Metadata, _ body: (String, Logger.MetadataValue) -> Void
    ) {
        let count = metadata.count
        if count == 0 { return }
        if count == 1 {
            let (key, value) = metadata[metadata.startIndex]
            body(key, value)
            return
        }
        guard count <= smallCount else {
            for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { body(key, value) }
            return
        }
        withUnsafeTemporaryAllocation(of: Logger.Metadata.Index.self, capacity: count) { order in
            var filled = 0
            var index = metadata.startIndex
            while index != metadata.endIndex {
                // Insertion sort: shift larger keys right, then place this one.
                let key = metadata[index].key
                var slot = filled
                while slot > 0 && key < metadata[order[slot - 1]].key {
                    order.initializeElement(at: slot, to: order.moveElement(from: slot - 1))
                    slot -= 1
                }
                order.initializeElement(at: slot, to: index)
                filled += 1
                metadata.formIndex(after: &index)
            }
            for position in 0..<filled {
                let (key, value) = metadata[order[position]]
                body(key, value)
            }
            _ = order.prefix(filled).deinitialize()
        }
    }
}
