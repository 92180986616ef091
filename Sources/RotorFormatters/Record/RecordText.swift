/// A piece of a record's text (label, message, metadata key or value, …) as the formatters read
/// it: valid UTF-8, read in place.
///
/// `String` (the text of a ``RotorCore/LogRecord``) and ``CapturedText`` (the same text copied
/// into a ``CapturedLogRecord``) conform. The formatters are generic over it, so each specializes
/// for both and no existential sits on the formatting path.
package protocol RecordText {
    /// Calls `body` with the text's UTF-8 bytes, valid only inside `body`.
    func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result

    /// Whether `lhs` sorts before `rhs` in metadata key order: `String`'s `<` (see
    /// `MetadataOrder`).
    static func sortsBefore(_ lhs: Self, _ rhs: Self) -> Bool

    /// Whether `names` holds a string equal to this text (`String`'s `==`).
    func isMember(of names: Set<String>) -> Bool
}

extension String: RecordText {
    @inline(__always)
    package func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUTF8Bytes(self, body)
    }

    @inline(__always)
    package static func sortsBefore(_ lhs: String, _ rhs: String) -> Bool { lhs < rhs }

    package func isMember(of names: Set<String>) -> Bool { names.contains(self) }
}
