import Logging
import RotorCore

/// The keys of one swift-log dictionary of at most ``MetadataOrder/smallCount`` entries, read
/// onto the stack in one pass and sorted, for `JSONMetadataWriter` to write the members in key
/// order.
///
/// Only where each key sorts is kept (``KeyOrder``: its first sixteen bytes as two big-endian
/// words, read from a short ASCII key's own words by ``ShortASCII``) with the entry's index in
/// the dictionary. Nothing is copied out of the dictionary to be kept: each member is written
/// from the dictionary itself, by index, once the order is known, so a value is copied out once,
/// right where it is written, and its string or container is used in place.
///
/// (Taking each entry apart as the iteration handed it over, as before, moved the 41-byte
/// `MetadataValue` between stack slots with overlapping 16-byte moves; the loads that followed
/// waited for the stores they overlapped, which made the metadata object the handler's most
/// expensive part in cycles. Indices also spare the iteration's retain of the dictionary.)
struct SwiftLogMembers {
    /// A position in a swift-log dictionary.
    typealias Index = Logger.Metadata.Index

    /// Where a key sorts: its first sixteen bytes as two big-endian words (zero-padded), so that
    /// two short ASCII keys compare as two pairs of integers, and where its entry lies.
    struct KeyOrder {
        /// Bytes 0..<8 of the key, the first byte highest.
        var high: UInt64
        /// Bytes 8..<16, the same way.
        var low: UInt64
        /// The entry's index in the dictionary.
        var index: Index
        /// The key's length in UTF-8 bytes.
        var count: Int32
        /// Whether the key is ASCII and at most 16 bytes long: ``high``, ``low`` and ``count``
        /// then order it as `String`'s `<` does.
        var isShortASCII: Bool
        /// Whether the key is also plain (nothing to escape): it is written from ``high`` and ``low``.
        var isPlain: Bool
    }

    /// The keys in key order (``capacity`` slots, ``read(_:from:shortStrings:)`` initializes them).
    let order: UnsafeMutablePointer<KeyOrder>
    /// The most entries read.
    let capacity: Int

    /// Uses `order`, `capacity` uninitialized slots.
    @inline(__always)
    init(_ order: UnsafeMutablePointer<KeyOrder>, capacity: Int) {
        self.order = order
        self.capacity = capacity
    }

    /// Reads the keys of `metadata` from `start` (its `startIndex`) in, sorting them as they come
    /// (insertion sort), and returns how many were read; ``finish(count:)`` gives the slots up.
    ///
    /// The caller finds `start` where it holds the dictionary as a value: `startIndex` calls
    /// into the standard library, and a dictionary read through a pointer is retained around
    /// such a call (an atomic increment and decrement a record); the rest of the walk is inlined.
    @inline(__always)
    func read(_ metadata: UnsafePointer<Logger.Metadata>, from start: Index, shortStrings: Bool) -> Int {
        var filled = 0
        var index = start
        let end = metadata.pointee.endIndex
        while index != end && filled < capacity {
            let new: KeyOrder
            let key = metadata.pointee.keys[index]
            if shortStrings, let short = ShortASCII(key) {
                new = KeyOrder(
                    high: short.sortHigh, low: short.sortLow, index: index,
                    count: Int32(truncatingIfNeeded: short.count),
                    isShortASCII: true, isPlain: short.isPlain)
            } else {
                new = Self.keyOrder(key, index: index)
            }
            var slot = filled
            while slot > 0 && precedes(new, order[slot &- 1], in: metadata) {
                (order + slot).moveInitialize(from: order + (slot &- 1), count: 1)
                slot &-= 1
            }
            (order + slot).initialize(to: new)
            filled &+= 1
            metadata.pointee.formIndex(after: &index)
        }
        return filled
    }

    /// Deinitializes the `count` slots ``read(_:from:shortStrings:)`` filled.
    @inline(__always)
    func finish(count: Int) {
        order.deinitialize(count: count)
    }

    /// Appends the member of rank `rank` in key order (`"key":value`) of `metadata`, an object at
    /// nesting `level`.
    ///
    /// A nested dictionary or array is written out of line (``appendContainer(rank:of:level:shortStrings:into:)``),
    /// so that this, the usual member, is not part of the writer's recursion and is inlined.
    @inline(__always)
    func appendMember(
        rank: Int, of metadata: UnsafePointer<Logger.Metadata>, level: Int, shortStrings: Bool,
        into buffer: inout LogBuffer
    ) {
        let key = order[rank]
        if key.isPlain {
            Self.appendPlainKey(key, into: &buffer)
        } else {
            Self.appendKey(metadata.pointee.keys[key.index], into: &buffer)
        }
        // The value is copied out once, here; its payload is used where it lies.
        switch metadata.pointee.values[key.index] {
        case .string(let string):
            if shortStrings, let short = ShortASCII(string), short.isPlain {
                short.appendQuoted(into: &buffer)
            } else {
                Self.appendQuoted(string, into: &buffer)
            }
        case .stringConvertible(let convertible):
            Self.appendQuoted(convertible.description, into: &buffer)
        case .dictionary, .array:
            appendContainer(rank: rank, of: metadata, level: level, shortStrings: shortStrings, into: &buffer)
        }
    }

    /// Appends the value of the member of rank `rank`, a dictionary or an array.
    @inline(never)
    private func appendContainer(
        rank: Int, of metadata: UnsafePointer<Logger.Metadata>, level: Int, shortStrings: Bool,
        into buffer: inout LogBuffer
    ) {
        JSONMetadataWriter.appendValue(
            swiftLog: metadata.pointee.values[order[rank].index], parentLevel: level, shortStrings: shortStrings,
            into: &buffer)
    }

    /// Appends `"key":` for a key that is not plain and short (out of line: rare).
    @inline(never)
    private static func appendKey(_ key: String, into buffer: inout LogBuffer) {
        JSONMetadataWriter.appendKey(key, into: &buffer)
    }

    /// Appends a string value that is not plain and short, between quotes (out of line).
    @inline(never)
    private static func appendQuoted(_ string: String, into buffer: inout LogBuffer) {
        JSONMetadataWriter.appendQuoted(string, into: &buffer)
    }

    /// Whether the key of `lhs` sorts before the key of `rhs` (`String`'s `<`).
    @inline(__always)
    private func precedes(_ lhs: KeyOrder, _ rhs: KeyOrder, in metadata: UnsafePointer<Logger.Metadata>) -> Bool {
        if lhs.isShortASCII && rhs.isShortASCII {
            if lhs.high != rhs.high { return lhs.high < rhs.high }
            if lhs.low != rhs.low { return lhs.low < rhs.low }
            return lhs.count < rhs.count
        }
        return metadata.pointee.keys[lhs.index] < metadata.pointee.keys[rhs.index]
    }

    /// Reads the first sixteen bytes of a key that is not a small ASCII string (see ``KeyOrder``).
    private static func keyOrder(_ key: String, index: Index) -> KeyOrder {
        withUTF8Bytes(key) { bytes in
            let count = bytes.count
            guard let base = bytes.baseAddress, count <= 16 else {
                return KeyOrder(
                    high: 0, low: 0, index: index, count: Int32(truncatingIfNeeded: count), isShortASCII: false,
                    isPlain: false)
            }
            let (high, low) = words(base, count)
            let isASCII = (high | low) & SWAR.highs == 0
            return KeyOrder(
                high: high, low: low, index: index, count: Int32(truncatingIfNeeded: count), isShortASCII: isASCII,
                isPlain: isASCII && JSONEscaper.isPlain(base, count))
        }
    }

    /// `bytes[0..<count]` (`count <= 16`) as two big-endian words, zero-padded; reads no byte
    /// outside the range.
    private static func words(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> (high: UInt64, low: UInt64) {
        let raw = UnsafeRawPointer(bytes)
        if count >= 8 {
            let high = UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
            guard count > 8 else { return (high, 0) }
            let tail = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
            return (high, tail &<< UInt64((16 &- count) &* 8))
        }
        var high: UInt64 = 0
        var index = 0
        while index < count {
            high |= UInt64(bytes[index]) &<< UInt64((7 &- index) &* 8)
            index &+= 1
        }
        return (high, 0)
    }

    /// Appends `"key":` for a plain key of at most sixteen bytes, from its words.
    @inline(__always)
    private static func appendPlainKey(_ key: KeyOrder, into buffer: inout LogBuffer) {
        let high = key.high
        let low = key.low
        let count = Int(truncatingIfNeeded: key.count)
        buffer.appendInPlace(maximumCount: 19) { out in
            let raw = UnsafeMutableRawPointer(out)
            raw.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
            raw.storeBytes(of: high.bigEndian, toByteOffset: 1, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 9, as: UInt64.self)
            raw.storeBytes(of: UInt8(ascii: "\""), toByteOffset: count &+ 1, as: UInt8.self)
            raw.storeBytes(of: UInt8(ascii: ":"), toByteOffset: count &+ 2, as: UInt8.self)
            return count &+ 3
        }
    }
}
