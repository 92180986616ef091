/// A metadata dictionary or array as the formatters read it: the metadata of a
/// ``RotorCore/LogRecord`` (``SwiftLogMetadata``) or of a ``CapturedLogRecord``
/// (``CapturedMetadata``).
///
/// One type stands for both containers; a dictionary answers ``forEachEntry(_:)`` and an array
/// ``forEachElement(_:)``.
package protocol MetadataView {
    /// The type of keys and string values.
    associatedtype Text: RecordText

    /// The number of entries (a dictionary) or elements (an array).
    var count: Int { get }

    /// Calls `body` with each entry of a dictionary, in storage order (not sorted). The entries
    /// are handed over owned, so that sorting can move them instead of copying.
    func forEachEntry(_ body: (consuming Text, consuming MetadataElement<Self>) -> Void)

    /// Calls `body` with each element of an array, in order.
    func forEachElement(_ body: (MetadataElement<Self>) -> Void)
}
