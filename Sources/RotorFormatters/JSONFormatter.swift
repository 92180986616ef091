import Logging
public import RotorCore

/// Formats each record as one JSON object on one line ("JSON Lines").
///
/// ```swift
/// let formatter = JSONFormatter()
/// var line = LogBuffer()
/// formatter.format(record, into: &line)
/// // {"timestamp":"2026-11-21T14:30:22.123456Z","level":"info","label":"app","message":"ready",
/// //  "metadata":{"port":"8080"},"source":"App","file":"App/main.swift","function":"App","line":12}
/// ```
///
/// That record was logged from top-level code in `App/main.swift`, where Swift's `#function` (the
/// default of swift-log's `function:` argument) is the module's name; inside a function it is the
/// function's name, such as `handle(_:)`.
///
/// Fields are written in this order, under the names in ``fieldNames``: `timestamp` (RFC 3339, see
/// ``TimestampStyle``), `level` (swift-log's lower-case raw value: `trace` … `critical`), `label`,
/// `message`, `metadata`, then `source`, `file`, `function` and `line` (each only if it is in
/// ``fields``), and `error` when the record has one: an object with `type`
/// (`String(reflecting: type(of: error))`) and `message` (`String(describing: error)`).
///
/// Metadata:
/// - With ``MetadataPlacement/nested`` (the default) metadata is an object under the `metadata`
///   name, **omitted** when the record has no metadata. With ``MetadataPlacement/flattened`` its
///   keys become top-level members; see ``MetadataPlacement`` for name clashes.
/// - Keys are sorted with `String`'s `<` (Unicode scalar order of the NFC form, byte-wise UTF-8
///   order for NFC keys such as every ASCII key), so equal records give equal bytes.
/// - `.stringConvertible` values are written as the string of their `description`; dictionaries as
///   objects, arrays as arrays.
/// - Nesting is capped at ``maximumMetadataDepth`` levels (the metadata object is level 1): a
///   dictionary or array that would go deeper is written as the string `"…"`. The cap also bounds
///   the formatter's recursion, so hostile metadata cannot overflow a small thread stack.
///
/// Strings are escaped per RFC 8259 over their UTF-8 bytes: `"` and `\`, every C0 control
/// (`\b` `\t` `\n` `\f` `\r` short forms, otherwise `\u00XX`), DEL as `\u007f` and U+2028/U+2029
/// as `\u2028`/`\u2029`; everything else is copied as UTF-8. The output is always valid UTF-8 and
/// one line: the only `\n` is the final one, and there is no `\r`.
///
/// The formatter is an immutable value: share one between threads freely. Formatting does not
/// use Foundation and allocates nothing beyond the buffer's growth: metadata keys are sorted on
/// the stack (in one temporary array only for dictionaries of more than 16 keys).
public struct JSONFormatter: LogFormatter {
    /// The deepest nesting of metadata dictionaries and arrays that is written (64); the metadata
    /// object itself is level 1. Deeper containers are replaced by the string `"…"`.
    public static let maximumMetadataDepth = MetadataOrder.maximumDepth

    /// The names of the fixed fields.
    public let fieldNames: FieldNames
    /// The optional call-site fields that are written.
    public let fields: Fields
    /// Where metadata goes.
    public let metadataPlacement: MetadataPlacement
    /// How timestamps are written.
    public let timestampStyle: TimestampStyle

    let keys: EncodedKeys
    /// Top-level names that flattened metadata keys must not reuse.
    private let reservedNames: Set<String>
    /// The text of the last second written, shared by copies of this formatter.
    let timestampCache = TimestampCache()

    /// Creates a JSON formatter.
    ///
    /// - Parameters:
    ///   - fieldNames: The names of the fixed fields; swift-log-style defaults (`timestamp`, `level`, …).
    ///     Give each field a distinct name: the formatter does not check.
    ///   - fields: The optional call-site fields to write; all of them by default.
    ///   - metadataPlacement: Nested under `metadata` (the default) or flattened into the top level.
    ///   - timestampStyle: RFC 3339 in UTC with microseconds by default.
    public init(
        fieldNames: FieldNames = FieldNames(),
        fields: Fields = .all,
        metadataPlacement: MetadataPlacement = .nested,
        timestampStyle: TimestampStyle = .utc
    ) {
        self.fieldNames = fieldNames
        self.fields = fields
        self.metadataPlacement = metadataPlacement
        self.timestampStyle = timestampStyle
        self.keys = EncodedKeys(fieldNames)
        var reserved: Set<String> = [
            fieldNames.timestamp, fieldNames.level, fieldNames.label, fieldNames.message,
            fieldNames.metadata, fieldNames.error,
        ]
        if fields.contains(.source) { reserved.insert(fieldNames.source) }
        if fields.contains(.file) { reserved.insert(fieldNames.file) }
        if fields.contains(.function) { reserved.insert(fieldNames.function) }
        if fields.contains(.line) { reserved.insert(fieldNames.line) }
        self.reservedNames = reserved
    }

    /// Appends `{"timestamp":"…","level":"…","label":"…","message":"` — up to the message text.
    @inline(__always)
    func appendHeader<Text: RecordText>(
        timestamp: LogTimestamp, level: Logger.Level, label: Text, into buffer: inout LogBuffer
    ) {
        appendTimestampAndLevel(timestamp: timestamp, level: level, into: &buffer)
        JSONEscaper.appendEscaped(label, into: &buffer)
        buffer.appendInline(keys.message)
    }

    /// Appends `{"timestamp":"…","level":"…","label":"` — up to the label text.
    @inline(__always)
    func appendTimestampAndLevel(timestamp: LogTimestamp, level: Logger.Level, into buffer: inout LogBuffer) {
        buffer.appendInline(keys.timestamp)
        TimestampWriter.append(timestamp, style: timestampStyle, cache: timestampCache, into: &buffer)
        let position = level.position
        let start = keys.levelAndLabelStarts[position]
        buffer.appendInline(
            keys.levelAndLabel, from: start, count: keys.levelAndLabelStarts[position &+ 1] &- start)
    }

    /// Whether ``fields`` includes ``Fields/source``.
    public var writesSource: Bool { fields.contains(.source) }

    /// Appends the record as one JSON object followed by `\n`.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        format(view: record, into: &buffer)
    }

    /// Appends the record, or its capture, as one JSON object followed by `\n`: one body for
    /// both forms, so a capture gives the bytes of the record it was captured from.
    @inline(__always)
    func format<Record: LogRecordView>(view record: Record, into buffer: inout LogBuffer) {
        appendHeader(timestamp: record.timestamp, level: record.level, label: record.label, into: &buffer)
        JSONEscaper.appendEscaped(record.message, into: &buffer)
        buffer.append(UInt8(ascii: "\""))

        let metadata = record.metadataView
        if metadata.count > 0 {
            switch metadataPlacement.kind {
            case .nested:
                buffer.appendInline(keys.metadata)
                JSONMetadataWriter.appendObject(metadata, level: 1, into: &buffer)
            case .flattened:
                appendFlattened(metadata, into: &buffer)
            }
        }

        appendCallSiteAndError(of: record, into: &buffer)
    }

    /// Appends the call-site fields in ``fields``, the error if the record has one, and `}` `\n`:
    /// everything after the metadata.
    @inline(__always)
    func appendCallSiteAndError<Record: LogRecordView>(of record: Record, into buffer: inout LogBuffer) {
        if fields.contains(.source) { appendStringField(keys.source, record.source, into: &buffer) }
        if fields.contains(.file) { appendStringField(keys.file, record.file, into: &buffer) }
        if fields.contains(.function) { appendStringField(keys.function, record.function, into: &buffer) }
        if fields.contains(.line) {
            buffer.appendInline(keys.line)
            DecimalWriter.append(UInt64(record.line), into: &buffer)
        }
        if let errorType = record.errorType {
            buffer.appendInline(keys.errorType)
            JSONEscaper.appendEscaped(errorType, into: &buffer)
            buffer.appendInline(keys.errorMessage)
            if let description = record.errorDescription { JSONEscaper.appendEscaped(description, into: &buffer) }
            buffer.append(UInt8(ascii: "\""))
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: "}"))
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends `key` (with its opening quote), the escaped text and the closing quote.
    @inline(__always)
    private func appendStringField<Text: RecordText>(_ key: [UInt8], _ text: Text, into buffer: inout LogBuffer) {
        buffer.appendInline(key)
        JSONEscaper.appendEscaped(text, into: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends each metadata key as a top-level member, in key order; the keys that are the names
    /// of top-level fields go, in key order too, into an object under the metadata name instead.
    func appendFlattened<Metadata: MetadataView>(_ metadata: Metadata, into buffer: inout LogBuffer) {
        var clashes = false
        MetadataOrder.forEachSorted(metadata) { key, value in
            if key.isMember(of: reservedNames) {
                clashes = true
                return
            }
            buffer.append(UInt8(ascii: ","))
            JSONMetadataWriter.appendMember(key, value, level: 1, into: &buffer)
        }
        guard clashes else { return }
        // Rare: a second pass writes the keys the first one left out.
        buffer.appendInline(keys.metadata)
        buffer.append(UInt8(ascii: "{"))
        var first = true
        MetadataOrder.forEachSorted(metadata) { key, value in
            guard key.isMember(of: reservedNames) else { return }
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            JSONMetadataWriter.appendMember(key, value, level: 1, into: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }
}

extension JSONFormatter: CapturedRecordFormatter {
    /// The call-site fields in ``fields``.
    package var capturedParts: CapturedLogRecord.Parts {
        var parts: CapturedLogRecord.Parts = []
        if fields.contains(.source) { parts.insert(.source) }
        if fields.contains(.file) { parts.insert(.file) }
        if fields.contains(.function) { parts.insert(.function) }
        return parts
    }

    /// Appends the captured record as one JSON object followed by `\n`: the bytes
    /// ``format(_:into:)`` writes for the record it was captured from.
    package func format(captured record: CapturedLogRecord, into buffer: inout LogBuffer) {
        format(view: record, into: &buffer)
    }
}

/// The fixed fields' names, escaped once, with the punctuation around them.
struct EncodedKeys: Sendable {
    let timestamp: [UInt8]  // {"timestamp":"
    /// Per level, in `Logger.Level.allCases` order, one after the other:
    /// `","level":"info","label":"`. (One flat array: an array of arrays would retain and
    /// release the level's array on every record.)
    let levelAndLabel: [UInt8]
    /// Where each level's bytes start in ``levelAndLabel``, and where the last one ends.
    let levelAndLabelStarts: [Int]
    let message: [UInt8]  // ","message":"
    let metadata: [UInt8]  // ,"metadata":
    let source: [UInt8]  // ,"source":"
    let file: [UInt8]  // ,"file":"
    let function: [UInt8]  // ,"function":"
    let line: [UInt8]  // ,"line":
    let errorType: [UInt8]  // ,"error":{"type":"
    let errorMessage: [UInt8]  // ","message":"

    init(_ names: JSONFormatter.FieldNames) {
        func key(_ prefix: String, _ name: String, _ suffix: String) -> [UInt8] {
            var bytes = LogBuffer()
            bytes.append(prefix)
            JSONEscaper.appendQuoted(name, into: &bytes)
            bytes.append(suffix)
            return bytes.bytes
        }
        timestamp = key("{", names.timestamp, ":\"")
        let label = key("\",", names.label, ":\"")
        var levelAndLabel: [UInt8] = []
        var starts: [Int] = []
        for level in Logger.Level.allCases {
            starts.append(levelAndLabel.count)
            levelAndLabel += key("\",", names.level, ":\"") + Array(level.rawValue.utf8) + label
        }
        starts.append(levelAndLabel.count)
        self.levelAndLabel = levelAndLabel
        self.levelAndLabelStarts = starts
        message = key("\",", names.message, ":\"")
        metadata = key(",", names.metadata, ":")
        source = key(",", names.source, ":\"")
        file = key(",", names.file, ":\"")
        function = key(",", names.function, ":\"")
        line = key(",", names.line, ":")
        errorType = key(",", names.error, ":{\"type\":\"")
        errorMessage = Array("\",\"message\":\"".utf8)
    }
}
