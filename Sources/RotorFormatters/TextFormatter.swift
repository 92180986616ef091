import Logging
public import RotorCore

/// Formats each record as one human-readable line, following a pattern.
///
/// ```swift
/// let formatter = try TextFormatter(pattern: "{timestamp} [{LEVEL}] {label}: {message} {metadata}")
/// // 2026-11-21T14:30:22.123456Z [INFO] app: listening port=8080 tls=[enabled: true]
/// ```
///
/// Tokens:
/// - `{timestamp}`: RFC 3339, see ``TimestampStyle``.
/// - `{level}` / `{LEVEL}`: swift-log's level name in lower case (`info`) or upper case (`INFO`);
///   coloured when ``colorMode`` is ``ColorMode/always``.
/// - `{label}`, `{message}`, `{source}`, `{file}`, `{function}`, `{line}`.
/// - `{metadata}`: `key=value` pairs separated by spaces, sorted by key; nested dictionaries as
///   `[a: 1, b: [c: 2]]` (sorted too) and arrays as `[1, 2]`; nesting deeper than
///   ``maximumMetadataDepth`` is written `…`.
/// - `{error}`: the attached error's `String(describing:)`.
/// - `{{` and `}}`: literal braces.
///
/// `{metadata}` and `{error}` render nothing when the record has no metadata or no error; a single
/// space just before either token in the pattern is then dropped too, so the default pattern gives
/// `… app: ready` rather than `… app: ready ` for a record without metadata.
///
/// Every record is exactly one physical line ending in `\n`, whatever its values contain. Each
/// interpolated value (message, label, metadata keys and values, error, …) is escaped in Swift
/// string-literal style: `\n`, `\r`, `\t`, and `\u{…}` (upper-case hex, for example `\u{1B}` for ESC)
/// for the other C0 controls, DEL, the C1 controls U+0080–U+009F and U+2028/U+2029. Backslashes and
/// quotes are left as they are. No ESC byte appears in the output unless colour is on.
///
/// The pattern is parsed once, at initialisation; formatting copies literal bytes and appends
/// values without building intermediate strings.
public struct TextFormatter: LogFormatter {
    /// `"{timestamp} {level} {label}: {message} {metadata}"`.
    public static let defaultPattern = "{timestamp} {level} {label}: {message} {metadata}"

    /// The deepest nesting of metadata dictionaries and arrays that is written (64); the top-level
    /// metadata is level 1. Deeper containers are written `…`.
    public static let maximumMetadataDepth = MetadataOrder.maximumDepth

    /// The pattern the formatter was created with.
    public let pattern: String
    /// How `{timestamp}` is written.
    public let timestampStyle: TimestampStyle
    /// Whether the level is coloured with ANSI escape sequences.
    public let colorMode: ColorMode

    let layout: TextLayout
    /// The text of the last second written, shared by copies of this formatter.
    let timestampCache = TimestampCache()
    /// The orders the typed fields of recent direct records were sorted into, per key set.
    let fieldOrder = FieldOrderCache()

    /// Creates a formatter with ``defaultPattern``.
    ///
    /// - Parameters:
    ///   - timestampStyle: How `{timestamp}` is written; UTC with microseconds by default.
    ///   - colorMode: Whether to colour the level; ``ColorMode/never`` by default.
    public init(timestampStyle: TimestampStyle = .utc, colorMode: ColorMode = .never) {
        self.init(
            pattern: Self.defaultPattern, segments: Self.defaultSegments, timestampStyle: timestampStyle,
            colorMode: colorMode)
    }

    /// Creates a formatter with a custom pattern.
    ///
    /// - Parameters:
    ///   - pattern: Literal text with tokens; see ``TextFormatter``.
    ///   - timestampStyle: How `{timestamp}` is written; UTC with microseconds by default.
    ///   - colorMode: Whether to colour the level; ``ColorMode/never`` by default.
    /// - Throws: ``FormatterError`` with code `invalidPattern` and field `"pattern"` for an unknown
    ///   or empty token, an unbalanced brace, or a control character other than tab in the pattern.
    public init(
        pattern: String, timestampStyle: TimestampStyle = .utc, colorMode: ColorMode = .never
    ) throws(FormatterError) {
        self.init(
            pattern: pattern, segments: try TextPattern.parse(pattern), timestampStyle: timestampStyle,
            colorMode: colorMode)
    }

    private init(pattern: String, segments: [TextSegment], timestampStyle: TimestampStyle, colorMode: ColorMode) {
        self.pattern = pattern
        self.layout = TextLayout(segments, colored: colorMode == .always)
        self.timestampStyle = timestampStyle
        self.colorMode = colorMode
    }

    /// Whether the pattern has a `{source}` token.
    public var writesSource: Bool {
        layout.tokens.contains(.source)
    }

    // The default pattern is known to be valid.
    private static let defaultSegments = (try? TextPattern.parse(defaultPattern)) ?? []

    /// Returns this formatter with ``ColorMode/automatic`` replaced by ``ColorMode/always`` or
    /// ``ColorMode/never``; other modes are kept.
    ///
    /// A sink that writes to a terminal-capable descriptor calls this once, at set-up, with the
    /// result of `isatty(2)`.
    ///
    /// - Parameter isTerminal: Whether the destination is a terminal.
    /// - Returns: A formatter whose colour mode is no longer automatic.
    public func resolvingColor(isTerminal: Bool) -> TextFormatter {
        guard colorMode == .automatic else { return self }
        return TextFormatter(
            pattern: pattern, segments: layout.segments, timestampStyle: timestampStyle,
            colorMode: isTerminal ? .always : .never)
    }

    /// Appends the record as one line followed by `\n`.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        format(view: record, into: &buffer)
    }

    /// Appends the record, or its capture, as one line followed by `\n`: one body for both
    /// forms, so a capture gives the bytes of the record it was captured from.
    @inline(__always)
    func format<Record: LogRecordView>(view record: Record, into buffer: inout LogBuffer) {
        layout.forEachPiece(level: record.level) { piece, literals in
            switch piece {
            case .literal(let start, let count):
                buffer.append(literals + start, count: count)
            case .token(let token, let spaceBefore):
                append(token, spaceBefore: spaceBefore, of: record, into: &buffer)
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    private func append<Record: LogRecordView>(
        _ token: TextToken, spaceBefore: Bool, of record: Record, into buffer: inout LogBuffer
    ) {
        switch token {
        case .timestamp:
            TimestampWriter.append(record.timestamp, style: timestampStyle, cache: timestampCache, into: &buffer)
        case .level, .upperLevel:
            appendLevel(record.level, upperCase: token == .upperLevel, into: &buffer)
        case .label:
            TextEscaper.appendEscaped(record.label, into: &buffer)
        case .message:
            TextEscaper.appendEscaped(record.message, into: &buffer)
        case .metadata:
            let metadata = record.metadataView
            guard metadata.count > 0 else { return }
            if spaceBefore { buffer.append(UInt8(ascii: " ")) }
            TextMetadataWriter.appendPairs(metadata, into: &buffer)
        case .source:
            TextEscaper.appendEscaped(record.source, into: &buffer)
        case .file:
            TextEscaper.appendEscaped(record.file, into: &buffer)
        case .function:
            TextEscaper.appendEscaped(record.function, into: &buffer)
        case .line:
            DecimalWriter.append(UInt64(record.line), into: &buffer)
        case .error:
            guard let description = record.errorDescription else { return }
            if spaceBefore { buffer.append(UInt8(ascii: " ")) }
            TextEscaper.appendEscaped(description, into: &buffer)
        }
    }

    /// Appends the level name, in lower or upper case, coloured when ``colorMode`` is
    /// ``ColorMode/always``.
    @inline(__always)
    func appendLevel(_ level: Logger.Level, upperCase: Bool, into buffer: inout LogBuffer) {
        let colored = colorMode == .always
        if colored { buffer.append(ANSIColor.start(for: level)) }
        buffer.append(Self.name(of: level, upperCase: upperCase))
        if colored { buffer.append(ANSIColor.reset) }
    }

    /// swift-log's name of `level` (its raw value), in lower or upper case.
    @inline(__always)
    static func name(of level: Logger.Level, upperCase: Bool) -> StaticString {
        switch level {
        case .trace: upperCase ? "TRACE" : "trace"
        case .debug: upperCase ? "DEBUG" : "debug"
        case .info: upperCase ? "INFO" : "info"
        case .notice: upperCase ? "NOTICE" : "notice"
        case .warning: upperCase ? "WARNING" : "warning"
        case .error: upperCase ? "ERROR" : "error"
        case .critical: upperCase ? "CRITICAL" : "critical"
        }
    }
}

extension TextFormatter: CapturedRecordFormatter {
    /// The call-site parts the pattern has tokens for.
    package var capturedParts: CapturedLogRecord.Parts {
        var parts: CapturedLogRecord.Parts = []
        for token in layout.tokens {
            switch token {
            case .source: parts.insert(.source)
            case .file: parts.insert(.file)
            case .function: parts.insert(.function)
            default: break
            }
        }
        return parts
    }

    /// Appends the captured record as one line followed by `\n`: the bytes ``format(_:into:)``
    /// writes for the record it was captured from.
    package func format(captured record: CapturedLogRecord, into buffer: inout LogBuffer) {
        format(view: record, into: &buffer)
    }
}
