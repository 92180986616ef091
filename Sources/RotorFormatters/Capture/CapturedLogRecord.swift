package import Logging
package import RotorCore

/// A ``RotorCore/LogRecord`` copied into one run of bytes, for a formatter on another thread.
///
/// An `AsyncSink` whose formatter reads captures (``CapturedRecordFormatter``) copies each
/// record's text and metadata into its queue on the producer's thread, where the strings and the
/// metadata dictionary were made and where they are released. The writer thread then formats from
/// plain bytes it reads front to back: it never touches another thread's dictionaries, never
/// changes a reference count and never frees another thread's memory.
///
/// Layout, native byte order, no alignment:
/// - header: nanoseconds since the epoch (`Int64`), line (`UInt64`), level position (`UInt8`),
///   flags (`UInt8`, bit 0: an error follows);
/// - strings, each a `UInt32` byte count then UTF-8: label, message, source, file, function, then
///   the error's type and description when the flag says so;
/// - metadata: one container (see ``CapturedMetadata``).
///
/// A value is a tag byte then its payload: a string (`.string`, and `.stringConvertible` as its
/// `description`, taken on the producer's thread); a dictionary or an array (element count
/// `UInt32`, byte length `UInt32`, then the elements: a dictionary's as key string then value);
/// or "truncated", standing for a container nested deeper than ``maximumDepth``, which the
/// formatters write as `…`, exactly as they do for such a container in a `LogRecord`.
package struct CapturedLogRecord: LogRecordView {
    /// The deepest nesting of metadata containers captured (the formatters' cap); the metadata
    /// object is level 1.
    static let maximumDepth = MetadataOrder.maximumDepth

    enum Tag: UInt8 {
        case string = 0
        case dictionary = 1
        case array = 2
        case truncated = 3
    }

    static let headerSize = 18

    /// The parts of a record that are captured only for a formatter that writes them.
    package struct Parts: OptionSet, Sendable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }

        /// ``RotorCore/LogRecord/source``.
        package static let source = Parts(rawValue: 1 << 0)
        /// ``RotorCore/LogRecord/file``.
        package static let file = Parts(rawValue: 1 << 1)
        /// ``RotorCore/LogRecord/function``.
        package static let function = Parts(rawValue: 1 << 2)
    }

    /// The timestamp.
    package let timestamp: LogTimestamp
    /// The call site's line.
    package let line: UInt
    /// The severity.
    package let level: Logger.Level
    /// The logger's label.
    package let label: CapturedText
    /// The message.
    package let message: CapturedText
    /// The source (empty when it was not captured).
    package let source: CapturedText
    /// The call site's file (empty when it was not captured).
    package let file: CapturedText
    /// The call site's function (empty when it was not captured).
    package let function: CapturedText
    /// The error's type (`String(reflecting:)`), if any.
    package let errorType: CapturedText?
    /// The error's description (`String(describing:)`), if any.
    package let errorDescription: CapturedText?
    /// The metadata.
    package let metadataView: CapturedMetadata

    /// Reads the capture that starts at `start` (written by ``append(_:including:to:)``). The
    /// pointers it hands out point into that memory, so they are valid only as long as it is.
    package init(_ start: UnsafeRawPointer) {
        timestamp = LogTimestamp(nanosecondsSinceEpoch: start.loadUnaligned(as: Int64.self))
        line = UInt(start.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        level = Logger.Level(position: Int(start.load(fromByteOffset: 16, as: UInt8.self)))
        let hasError = start.load(fromByteOffset: 17, as: UInt8.self) & 1 != 0
        var cursor = start + Self.headerSize
        label = Self.readString(&cursor)
        message = Self.readString(&cursor)
        source = Self.readString(&cursor)
        file = Self.readString(&cursor)
        function = Self.readString(&cursor)
        if hasError {
            errorType = Self.readString(&cursor)
            errorDescription = Self.readString(&cursor)
        } else {
            errorType = nil
            errorDescription = nil
        }
        metadataView = CapturedMetadata(container: cursor + 1)
    }

    /// Reads a `UInt32`-counted string at `cursor` and moves past it.
    @inline(__always)
    static func readString(_ cursor: inout UnsafeRawPointer) -> CapturedText {
        let count = Int(cursor.loadUnaligned(as: UInt32.self))
        let bytes = UnsafeBufferPointer(start: (cursor + 4).assumingMemoryBound(to: UInt8.self), count: count)
        cursor += 4 + count
        return CapturedText(bytes)
    }
}
