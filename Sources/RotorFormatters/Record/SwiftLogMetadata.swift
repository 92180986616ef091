package import Logging

/// swift-log metadata (`Logger.Metadata` and the arrays in it) read through ``MetadataView``.
///
/// `.stringConvertible` values are read as their `description`, taken when the value is read.
package enum SwiftLogMetadata: MetadataView {
    /// A dictionary.
    case dictionary(Logger.Metadata)
    /// An array.
    case array([Logger.MetadataValue])

    package var count: Int {
        switch self {
        case .dictionary(let dictionary): dictionary.count
        case .array(let array): array.count
        }
    }

    @inline(__always)
    package func forEachEntry(_ body: (consuming String, consuming MetadataElement<SwiftLogMetadata>) -> Void) {
        guard case .dictionary(let dictionary) = self else { return }
        for (key, value) in dictionary { body(consume key, Self.element(consume value)) }
    }

    @inline(__always)
    package func forEachElement(_ body: (MetadataElement<SwiftLogMetadata>) -> Void) {
        guard case .array(let array) = self else { return }
        for value in array { body(Self.element(consume value)) }
    }

    /// Takes the value apart without copying its payload (no retain and release per value).
    @inline(__always)
    static func element(_ value: consuming Logger.MetadataValue) -> MetadataElement<SwiftLogMetadata> {
        switch consume value {
        case .string(let string): .text(string)
        case .stringConvertible(let convertible): .text(convertible.description)
        case .dictionary(let dictionary): .dictionary(.dictionary(dictionary))
        case .array(let array): .array(.array(array))
        }
    }
}
