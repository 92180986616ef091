/// A captured dictionary or array: its element count and where its elements start.
package struct CapturedMetadata: MetadataView {
    /// The number of entries (a dictionary) or elements (an array).
    package let count: Int
    /// The first element's bytes.
    let elements: UnsafeRawPointer

    /// Reads the container whose count field is at `container` (just after its tag).
    init(container: UnsafeRawPointer) {
        count = Int(container.loadUnaligned(as: UInt32.self))
        elements = container + 8
    }

    /// Calls `body` with each entry of a dictionary, in capture order.
    @inline(__always)
    package func forEachEntry(_ body: (consuming CapturedText, consuming MetadataElement<CapturedMetadata>) -> Void) {
        var cursor = elements
        for _ in 0..<count {
            let key = CapturedLogRecord.readString(&cursor)
            body(key, Self.readElement(&cursor))
        }
    }

    /// Calls `body` with each element of an array, in order.
    @inline(__always)
    package func forEachElement(_ body: (MetadataElement<CapturedMetadata>) -> Void) {
        var cursor = elements
        for _ in 0..<count { body(Self.readElement(&cursor)) }
    }

    /// Reads the value at `cursor` and moves past it.
    @inline(__always)
    static func readElement(_ cursor: inout UnsafeRawPointer) -> MetadataElement<CapturedMetadata> {
        let tag = cursor.load(as: UInt8.self)
        cursor += 1
        switch tag {
        case CapturedLogRecord.Tag.string.rawValue:
            return .text(CapturedLogRecord.readString(&cursor))
        case CapturedLogRecord.Tag.dictionary.rawValue, CapturedLogRecord.Tag.array.rawValue:
            let container = CapturedMetadata(container: cursor)
            cursor += 8 + Int(cursor.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            return tag == CapturedLogRecord.Tag.dictionary.rawValue ? .dictionary(container) : .array(container)
        default:
            return .truncated
        }
    }
}
