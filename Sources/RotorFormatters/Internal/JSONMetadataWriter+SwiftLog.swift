import Logging
import RotorCore

extension JSONMetadataWriter {
    /// Appends a swift-log dictionary as a JSON object at nesting `level` (1 for the metadata
    /// object): the bytes ``appendSortedObject(_:level:into:)`` writes for it.
    ///
    /// The keys are read once and sorted on the stack (see ``SwiftLogMembers``): a short ASCII
    /// key (the usual one) as the two words of its bytes (``ShortASCII``), compared as integers
    /// with another one, any other with `String`'s `<`, so the order is ``MetadataOrder``'s in
    /// every case. The members are then written in that order, each value read from the
    /// dictionary where it is written.
    static func appendObject(swiftLog metadata: borrowing Logger.Metadata, level: Int, into buffer: inout LogBuffer) {
        appendObject(swiftLog: metadata, level: level, shortStrings: ShortASCII.layoutHolds, into: &buffer)
    }

    /// ``appendObject(swiftLog:level:into:)``, reading short strings with ``ShortASCII`` when
    /// `shortStrings` (its ``ShortASCII/layoutHolds``, looked up once per record).
    static func appendObject(
        swiftLog metadata: borrowing Logger.Metadata, level: Int, shortStrings: Bool, into buffer: inout LogBuffer
    ) {
        withUnsafePointer(to: metadata) {
            appendObject(
                swiftLogAt: $0, startIndex: metadata.startIndex, level: level, shortStrings: shortStrings,
                into: &buffer)
        }
    }

    /// ``appendObject(swiftLog:level:shortStrings:into:)`` for the dictionary at `metadata`, read
    /// where it lies, from `startIndex` (its `startIndex`, found by the caller where it holds the
    /// dictionary as a value). Nothing in it is retained: a dictionary read through a pointer is
    /// retained around any call into the standard library, such as `startIndex`'s.
    static func appendObject(
        swiftLogAt metadata: UnsafePointer<Logger.Metadata>, startIndex: Logger.Metadata.Index, level: Int,
        shortStrings: Bool, into buffer: inout LogBuffer
    ) {
        guard level <= MetadataOrder.maximumDepth else {
            buffer.append(truncated)
            return
        }
        let count = metadata.pointee.count
        guard count <= MetadataOrder.smallCount else {
            appendSortedObject(SwiftLogMetadata.dictionary(metadata.pointee), level: level, into: &buffer)
            return
        }
        buffer.append(UInt8(ascii: "{"))
        if count > 0 {
            withUnsafeTemporaryAllocation(of: SwiftLogMembers.KeyOrder.self, capacity: count) { slots in
                let members = SwiftLogMembers(slots.baseAddress!, capacity: count)
                let filled = members.read(metadata, from: startIndex, shortStrings: shortStrings)
                for rank in 0..<filled {
                    if rank > 0 { buffer.append(UInt8(ascii: ",")) }
                    members.appendMember(
                        rank: rank, of: metadata, level: level, shortStrings: shortStrings, into: &buffer)
                }
                members.finish(count: filled)
            }
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// Appends `"key":`, escaped.
    @inline(__always)
    static func appendKey(_ key: String, into buffer: inout LogBuffer) {
        buffer.append(UInt8(ascii: "\""))
        JSONEscaper.appendEscaped(key, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
    }

    /// Appends a string value between quotes: from its words when it is short, plain ASCII.
    @inline(__always)
    static func appendText(_ string: String, shortStrings: Bool, into buffer: inout LogBuffer) {
        if shortStrings, let short = ShortASCII(string), short.isPlain {
            short.appendQuoted(into: &buffer)
        } else {
            appendQuoted(string, into: &buffer)
        }
    }

    /// Appends one swift-log value that sits inside a container at nesting `parentLevel`: the
    /// bytes ``appendValue(_:parentLevel:into:)`` writes for it. The value is consumed, so that
    /// taking it apart copies nothing.
    static func appendValue(
        swiftLog value: consuming Logger.MetadataValue, parentLevel: Int, shortStrings: Bool,
        into buffer: inout LogBuffer
    ) {
        switch consume value {
        case .string(let string):
            appendText(string, shortStrings: shortStrings, into: &buffer)
        case .stringConvertible(let convertible):
            appendQuoted(convertible.description, into: &buffer)
        case .dictionary(let dictionary):
            appendObject(swiftLog: dictionary, level: parentLevel + 1, shortStrings: shortStrings, into: &buffer)
        case .array(let array):
            appendArray(swiftLog: array, parentLevel: parentLevel, shortStrings: shortStrings, into: &buffer)
        }
    }

    /// Appends a swift-log array that sits inside a container at nesting `parentLevel`.
    static func appendArray(
        swiftLog array: borrowing [Logger.MetadataValue], parentLevel: Int, shortStrings: Bool,
        into buffer: inout LogBuffer
    ) {
        guard parentLevel < MetadataOrder.maximumDepth else {
            buffer.append(truncated)
            return
        }
        buffer.append(UInt8(ascii: "["))
        var first = true
        for position in array.indices {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            appendValue(
                swiftLog: array[position], parentLevel: parentLevel + 1, shortStrings: shortStrings, into: &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }
}
