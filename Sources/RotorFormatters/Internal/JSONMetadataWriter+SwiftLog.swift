import Logging
import RotorCore

extension JSONMetadataWriter {
    /// Appends a swift-log dictionary as a JSON object at nesting `level` (1 for the metadata
    /// object): the bytes ``appendSortedObject(_:level:into:)`` writes for it.
    ///
    /// The dictionary is read once. Each entry is taken apart as it is read and its pieces are
    /// moved onto the stack (see ``SwiftLogMembers``): a short ASCII key or string value (the
    /// usual ones) as the two words of its bytes (``ShortASCII``), any other string as it is, a
    /// nested dictionary or array as its value. The keys are sorted as integers when both are
    /// short ASCII, otherwise with `String`'s `<`, so the order is ``MetadataOrder``'s in every
    /// case, and the members are then written in that order.
    static func appendObject(swiftLog metadata: Logger.Metadata, level: Int, into buffer: inout LogBuffer) {
        appendObject(swiftLog: metadata, level: level, shortStrings: ShortASCII.layoutHolds, into: &buffer)
    }

    /// ``appendObject(swiftLog:level:into:)``, reading short strings with ``ShortASCII`` when
    /// `shortStrings` (its ``ShortASCII/layoutHolds``, looked up once per record).
    static func appendObject(
        swiftLog metadata: Logger.Metadata, level: Int, shortStrings: Bool, into buffer: inout LogBuffer
    ) {
        guard level <= MetadataOrder.maximumDepth else {
            buffer.append(truncated)
            return
        }
        let count = metadata.count
        guard count > 1 else {
            buffer.append(UInt8(ascii: "{"))
            for (key, value) in metadata {
                appendKey(key, into: &buffer)
                appendValue(swiftLog: value, parentLevel: level, shortStrings: shortStrings, into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
            return
        }
        guard count <= MetadataOrder.smallCount else {
            appendSortedObject(SwiftLogMetadata.dictionary(metadata), level: level, into: &buffer)
            return
        }
        withUnsafeTemporaryAllocation(
            byteCount: SwiftLogMembers.byteCount(capacity: count), alignment: SwiftLogMembers.alignment
        ) { raw in
            let members = SwiftLogMembers(raw.baseAddress!, capacity: count)
            let filled = members.read(metadata, shortStrings: shortStrings)
            buffer.append(UInt8(ascii: "{"))
            for rank in 0..<filled {
                if rank > 0 { buffer.append(UInt8(ascii: ",")) }
                members.appendMember(rank: rank, level: level, shortStrings: shortStrings, into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
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
            guard parentLevel < MetadataOrder.maximumDepth else {
                buffer.append(truncated)
                return
            }
            buffer.append(UInt8(ascii: "["))
            var first = true
            for element in array {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                appendValue(swiftLog: element, parentLevel: parentLevel + 1, shortStrings: shortStrings, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        }
    }
}
