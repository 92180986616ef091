import Logging
import RotorCore

/// The entries of one swift-log dictionary of at most ``MetadataOrder/smallCount`` entries, read
/// onto the stack in one pass and sorted by key, for `JSONMetadataWriter` to write in key order.
///
/// Each entry is taken apart as the dictionary hands it over, and its pieces are moved (never
/// copied) into the arrays below, all carved from one temporary allocation:
/// - its key into ``keys``, and where it sorts into ``order``: the key's first sixteen bytes as two
///   big-endian words (``KeyOrder``), read from a short ASCII key's own words (``ShortASCII``);
/// - its value into ``values`` as what writing it needs: a short, plain ASCII string as its
///   words; any other string (or a `.stringConvertible`'s description, taken now) into
///   ``texts``; a dictionary or array into ``nested``.
///
/// A small string owns no memory, so the keys and strings that were read as ``ShortASCII`` are
/// left in place when the members are written (their release would be a call that does
/// nothing); every other piece is moved out and consumed exactly once by
/// ``appendMember(rank:level:shortStrings:into:)``.
struct SwiftLogMembers {
    /// Where a key sorts: its first sixteen bytes as two big-endian words (zero-padded), so that
    /// two short ASCII keys compare as two pairs of integers, and where its entry lies.
    struct KeyOrder {
        /// Bytes 0..<8 of the key, the first byte highest.
        var high: UInt64
        /// Bytes 8..<16, the same way.
        var low: UInt64
        /// The key's length in UTF-8 bytes.
        var count: Int
        /// The entry's position in the dictionary's order (its index in the other arrays).
        var position: Int
        /// Whether the key is ASCII and at most 16 bytes long: ``high``, ``low`` and ``count``
        /// then order it as `String`'s `<` does.
        var isShortASCII: Bool
        /// Whether the key is also plain (nothing to escape): it is written from ``high`` and ``low``.
        var isPlain: Bool
        /// Whether ``SwiftLogMembers/keys`` holds a key that owns memory (it must be released).
        var ownsKey: Bool
    }

    /// How a value is written.
    enum Kind: UInt8 {
        /// A short, plain ASCII string, from ``Value/head`` and ``Value/tail``.
        case short
        /// The string in ``SwiftLogMembers/texts``.
        case text
        /// The dictionary or array in ``SwiftLogMembers/nested``.
        case nested
    }

    /// A value, as writing it needs.
    struct Value {
        /// For ``Kind/short``: ``ShortASCII/head``.
        var head: UInt64
        /// For ``Kind/short``: ``ShortASCII/tail``.
        var tail: UInt64
        /// For ``Kind/short``: ``ShortASCII/count``.
        var count: Int
        var kind: Kind
    }

    /// The keys in key order (``capacity`` slots).
    let order: UnsafeMutablePointer<KeyOrder>
    /// The keys, by position.
    let keys: UnsafeMutablePointer<String>
    /// The values, by position.
    let values: UnsafeMutablePointer<Value>
    /// The strings of ``Kind/text`` values (and of ``Kind/short`` ones, left in place), by position.
    let texts: UnsafeMutablePointer<String>
    /// The values of ``Kind/nested`` entries, by position.
    let nested: UnsafeMutablePointer<Logger.MetadataValue>
    /// The most entries the arrays hold.
    let capacity: Int

    /// The alignment of the memory ``init(_:capacity:)`` takes.
    static let alignment = 16

    /// The bytes of the memory ``init(_:capacity:)`` takes for `capacity` entries.
    @inline(__always)
    static func byteCount(capacity: Int) -> Int {
        capacity
            &* (MemoryLayout<KeyOrder>.stride &+ MemoryLayout<String>.stride &* 2 &+ MemoryLayout<Value>.stride
                &+ MemoryLayout<Logger.MetadataValue>.stride)
    }

    /// Carves the arrays out of `raw` (``byteCount(capacity:)`` bytes, aligned to ``alignment``).
    @inline(__always)
    init(_ raw: UnsafeMutableRawPointer, capacity: Int) {
        self.capacity = capacity
        var cursor = raw
        order = cursor.bindMemory(to: KeyOrder.self, capacity: capacity)
        cursor += MemoryLayout<KeyOrder>.stride &* capacity
        keys = cursor.bindMemory(to: String.self, capacity: capacity)
        cursor += MemoryLayout<String>.stride &* capacity
        texts = cursor.bindMemory(to: String.self, capacity: capacity)
        cursor += MemoryLayout<String>.stride &* capacity
        values = cursor.bindMemory(to: Value.self, capacity: capacity)
        cursor += MemoryLayout<Value>.stride &* capacity
        nested = cursor.bindMemory(to: Logger.MetadataValue.self, capacity: capacity)
    }

    /// Moves the entries of `metadata` in, sorting their keys as they come (insertion sort), and
    /// returns how many were read.
    @inline(__always)
    func read(_ metadata: Logger.Metadata, shortStrings: Bool) -> Int {
        var filled = 0
        for (key, value) in metadata {
            guard filled < capacity else { break }
            let new: KeyOrder
            if shortStrings, let short = ShortASCII(key) {
                new = KeyOrder(
                    high: short.sortHigh, low: short.sortLow, count: short.count, position: filled,
                    isShortASCII: true, isPlain: short.isPlain, ownsKey: false)
            } else {
                new = Self.keyOrder(key, position: filled)
            }
            (keys + filled).initialize(to: consume key)
            switch consume value {
            case .string(let string):
                if shortStrings, let short = ShortASCII(string), short.isPlain {
                    values[filled] = Value(head: short.head, tail: short.tail, count: short.count, kind: .short)
                } else {
                    values[filled] = Value(head: 0, tail: 0, count: 0, kind: .text)
                }
                (texts + filled).initialize(to: consume string)
            case .stringConvertible(let convertible):
                values[filled] = Value(head: 0, tail: 0, count: 0, kind: .text)
                (texts + filled).initialize(to: convertible.description)
            case .dictionary(let dictionary):
                values[filled] = Value(head: 0, tail: 0, count: 0, kind: .nested)
                (nested + filled).initialize(to: .dictionary(dictionary))
            case .array(let array):
                values[filled] = Value(head: 0, tail: 0, count: 0, kind: .nested)
                (nested + filled).initialize(to: .array(array))
            }
            var slot = filled
            while slot > 0 && precedes(new, order[slot &- 1]) {
                order[slot] = order[slot &- 1]
                slot &-= 1
            }
            order[slot] = new
            filled &+= 1
        }
        return filled
    }

    /// Appends the member of rank `rank` in key order (`"key":value`) in an object at nesting
    /// `level`, and gives up what it held. Call once for each rank read.
    @inline(__always)
    func appendMember(rank: Int, level: Int, shortStrings: Bool, into buffer: inout LogBuffer) {
        let key = order[rank]
        let position = key.position
        if key.isPlain {
            Self.appendPlainKey(key, into: &buffer)
            if key.ownsKey { (keys + position).deinitialize(count: 1) }
        } else {
            JSONMetadataWriter.appendKey((keys + position).move(), into: &buffer)
        }
        let value = values[position]
        switch value.kind {
        case .short:
            // The string is small: it owns nothing, and is left in `texts`.
            ShortASCII.appendQuoted(head: value.head, tail: value.tail, count: value.count, into: &buffer)
        case .text:
            JSONMetadataWriter.appendQuoted((texts + position).move(), into: &buffer)
        case .nested:
            JSONMetadataWriter.appendValue(
                swiftLog: (nested + position).move(), parentLevel: level, shortStrings: shortStrings, into: &buffer)
        }
    }

    /// Whether the key of `lhs` sorts before the key of `rhs` (`String`'s `<`).
    @inline(__always)
    private func precedes(_ lhs: KeyOrder, _ rhs: KeyOrder) -> Bool {
        if lhs.isShortASCII && rhs.isShortASCII {
            if lhs.high != rhs.high { return lhs.high < rhs.high }
            if lhs.low != rhs.low { return lhs.low < rhs.low }
            return lhs.count < rhs.count
        }
        return keys[lhs.position] < keys[rhs.position]
    }

    /// Reads the first sixteen bytes of a key that is not a small ASCII string (see ``KeyOrder``).
    private static func keyOrder(_ key: String, position: Int) -> KeyOrder {
        withUTF8Bytes(key) { bytes in
            let count = bytes.count
            guard let base = bytes.baseAddress, count <= 16 else {
                return KeyOrder(
                    high: 0, low: 0, count: count, position: position, isShortASCII: false, isPlain: false,
                    ownsKey: true)
            }
            let (high, low) = words(base, count)
            let isASCII = (high | low) & SWAR.highs == 0
            return KeyOrder(
                high: high, low: low, count: count, position: position, isShortASCII: isASCII,
                isPlain: isASCII && JSONEscaper.isPlain(base, count), ownsKey: true)
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
        let count = key.count
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
