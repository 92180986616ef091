import Logging
package import RotorCore

extension CapturedLogRecord {
    /// Appends the capture of `record` to `buffer` (the layout is described on the type).
    ///
    /// - Parameters:
    ///   - record: The record to copy: a `LogRecord`, or a swift-log event read as one.
    ///   - parts: The optional parts to copy; the others are left empty, for a formatter that
    ///     never writes them.
    ///   - buffer: Where the bytes go; on failure its count is restored.
    /// - Returns: `false`, with nothing appended, when a string is too long for a `UInt32` count
    ///   (4 GiB) or a container holds more than `UInt32.max` bytes; the caller keeps the record
    ///   as it is instead.
    package static func append(_ record: LogRecord, including parts: Parts, to buffer: inout LogBuffer) -> Bool {
        appendRecord(record, including: parts, to: &buffer)
    }

    /// Appends the capture of the record a swift-log event makes: the capture of
    /// ``SwiftLogEventRecord/logRecord``, without making it (parameters and result as for a
    /// `LogRecord`).
    package static func append(
        _ record: SwiftLogEventRecord, including parts: Parts, to buffer: inout LogBuffer
    ) -> Bool {
        appendRecord(record, including: parts, to: &buffer)
    }

    /// One body for both kinds of record, specialized for each.
    @inline(__always)
    private static func appendRecord<Record: CapturableRecord>(
        _ record: Record, including parts: Parts, to buffer: inout LogBuffer
    ) -> Bool {
        let start = buffer.count
        let short = ShortASCII.layoutHolds
        buffer.appendInPlace(maximumCount: headerSize) { bytes in
            let raw = UnsafeMutableRawPointer(bytes)
            raw.storeBytes(of: record.timestamp.nanosecondsSinceEpoch, as: Int64.self)
            raw.storeBytes(of: UInt64(record.line), toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: UInt8(truncatingIfNeeded: record.level.position), toByteOffset: 16, as: UInt8.self)
            raw.storeBytes(of: record.error == nil ? 0 as UInt8 : 1, toByteOffset: 17, as: UInt8.self)
            return headerSize
        }
        var fits = appendString(record.label, short: short, to: &buffer)
        fits = fits && appendString(record.message, short: short, to: &buffer)
        fits = fits && appendString(parts.contains(.source) ? record.source : "", short: short, to: &buffer)
        fits = fits && appendString(parts.contains(.file) ? record.file : "", short: short, to: &buffer)
        fits = fits && appendString(parts.contains(.function) ? record.function : "", short: short, to: &buffer)
        if fits, let error = record.error {
            fits =
                appendString(String(reflecting: type(of: error)), short: short, to: &buffer)
                && appendString(String(describing: error), short: short, to: &buffer)
        }
        fits = fits && appendDictionary(record.metadata, level: 1, short: short, to: &buffer)
        if !fits { buffer.truncate(to: start) }
        return fits
    }

    /// Appends a `UInt32` count and the UTF-8 bytes of `string`; a short ASCII string is copied
    /// from its words when `short` (``ShortASCII/layoutHolds``, looked up once per record).
    @inline(__always)
    private static func appendString(_ string: String, short: Bool, to buffer: inout LogBuffer) -> Bool {
        if short, let ascii = ShortASCII(string) {
            ascii.appendCounted(into: &buffer)
            return true
        }
        return withUTF8Bytes(string) { utf8 in
            guard let count = UInt32(exactly: utf8.count) else { return false }
            buffer.appendInPlace(maximumCount: 4) { bytes in
                UnsafeMutableRawPointer(bytes).storeBytes(of: count, as: UInt32.self)
                return 4
            }
            buffer.append(utf8)
            return true
        }
    }

    /// Appends a dictionary value at nesting `level` (the metadata object is level 1).
    private static func appendDictionary(
        _ dictionary: Logger.Metadata, level: Int, short: Bool, to buffer: inout LogBuffer
    ) -> Bool {
        guard level <= maximumDepth else {
            buffer.append(Tag.truncated.rawValue)
            return true
        }
        let lengthOffset = appendContainerHeader(.dictionary, count: dictionary.count, to: &buffer)
        for (key, value) in dictionary {
            guard appendString(key, short: short, to: &buffer) else { return false }
            guard appendValue(consume value, parentLevel: level, short: short, to: &buffer) else { return false }
        }
        return finishContainer(lengthOffset: lengthOffset, in: &buffer)
    }

    /// Appends one value that sits in a container at nesting `parentLevel`. Strings are copied
    /// here, in line (a short ASCII one with its tag in one step); containers out of line.
    @inline(__always)
    private static func appendValue(
        _ value: consuming Logger.MetadataValue, parentLevel: Int, short: Bool, to buffer: inout LogBuffer
    ) -> Bool {
        switch consume value {
        case .string(let string):
            if short, let ascii = ShortASCII(string) {
                ascii.appendCounted(tag: Tag.string.rawValue, into: &buffer)
                return true
            }
            buffer.append(Tag.string.rawValue)
            return appendString(string, short: false, to: &buffer)
        case .stringConvertible(let convertible):
            buffer.append(Tag.string.rawValue)
            return appendString(convertible.description, short: short, to: &buffer)
        case .dictionary(let dictionary):
            return appendDictionary(dictionary, level: parentLevel + 1, short: short, to: &buffer)
        case .array(let array):
            return appendArray(array, parentLevel: parentLevel, short: short, to: &buffer)
        }
    }

    /// Appends an array value that sits in a container at nesting `parentLevel`.
    private static func appendArray(
        _ array: [Logger.MetadataValue], parentLevel: Int, short: Bool, to buffer: inout LogBuffer
    ) -> Bool {
        guard parentLevel < maximumDepth else {
            buffer.append(Tag.truncated.rawValue)
            return true
        }
        let lengthOffset = appendContainerHeader(.array, count: array.count, to: &buffer)
        for element in array where !appendValue(element, parentLevel: parentLevel + 1, short: short, to: &buffer) {
            return false
        }
        return finishContainer(lengthOffset: lengthOffset, in: &buffer)
    }

    /// Appends a container's tag, element count and a byte length to be filled in; returns where
    /// the length goes.
    private static func appendContainerHeader(_ tag: Tag, count: Int, to buffer: inout LogBuffer) -> Int {
        buffer.append(tag.rawValue)
        buffer.appendInPlace(maximumCount: 8) { bytes in
            UnsafeMutableRawPointer(bytes).storeBytes(of: UInt32(truncatingIfNeeded: count), as: UInt32.self)
            UnsafeMutableRawPointer(bytes).storeBytes(of: 0 as UInt32, toByteOffset: 4, as: UInt32.self)
            return 8
        }
        return buffer.count - 4
    }

    /// Fills in the byte length of the container whose elements end at the buffer's end.
    private static func finishContainer(lengthOffset: Int, in buffer: inout LogBuffer) -> Bool {
        guard let length = UInt32(exactly: buffer.count - lengthOffset - 4) else { return false }
        buffer.storeBytes(of: length, at: lengthOffset)
        return true
    }
}
