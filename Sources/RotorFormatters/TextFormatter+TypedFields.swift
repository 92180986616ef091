public import Logging
public import RotorCore

extension TextFormatter: TypedFieldFormatter {
    /// Appends the record as one line followed by `\n`, the typed fields written straight into it
    /// where `{metadata}` is.
    ///
    /// The line is the one ``format(_:into:)`` writes for a `LogRecord` with the same fields as
    /// metadata: `key=value` pairs sorted by key, one per key (the last value wins), numbers as
    /// their `description`; `{source}`, `{file}` and `{function}` are empty and `{line}` is `0`
    /// (the direct API does not capture the call site), and `{error}` is empty. Nothing is
    /// allocated: no `String`, no `Dictionary`.
    public func format(
        timestamp: LogTimestamp, level: Logger.Level, label: String, message: StaticString,
        into buffer: inout LogBuffer, fields: (inout RecordFields) -> Void
    ) {
        // Where the first `{metadata}` wrote its pairs: a second one copies them.
        var pairs: Range<Int>?
        layout.forEachPiece(level: level) { piece, literals in
            switch piece {
            case .literal(let start, let count):
                buffer.append(literals + start, count: count)
            case .token(let token, let spaceBefore):
                switch token {
                case .timestamp:
                    TimestampWriter.append(timestamp, style: timestampStyle, cache: timestampCache, into: &buffer)
                case .level, .upperLevel:
                    appendLevel(level, upperCase: token == .upperLevel, into: &buffer)
                case .label:
                    TextEscaper.appendEscaped(label, into: &buffer)
                case .message:
                    TextEscaper.appendEscaped(message, into: &buffer)
                case .metadata:
                    let start = buffer.count
                    if spaceBefore { buffer.append(UInt8(ascii: " ")) }
                    let pairsStart = buffer.count
                    if let pairs {
                        buffer.appendCopy(from: pairs.lowerBound, to: pairs.upperBound)
                    } else {
                        writeFields(fields, into: &buffer)
                        pairs = pairsStart..<buffer.count
                    }
                    if buffer.count == pairsStart { buffer.truncate(to: start) }
                case .line:
                    buffer.append(UInt8(ascii: "0"))
                case .source, .file, .function, .error:
                    break
                }
            }
        }
        if pairs == nil {
            // No `{metadata}`: the fields are still called once, as with every formatter.
            let start = buffer.count
            writeFields(fields, into: &buffer)
            buffer.truncate(to: start)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends the fields `fields` writes as sorted `key=value` pairs.
    private func writeFields(_ fields: (inout RecordFields) -> Void, into buffer: inout LogBuffer) {
        withUnsafeTemporaryAllocation(of: TextFieldList.Field.self, capacity: TextFieldList.inlineCapacity) { inline in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: TextFieldList.inlineCapacity) { order in
                var list = TextFieldList(inline: inline, order: order)
                withUnsafeMutablePointer(to: &buffer) { output in
                    withUnsafeMutablePointer(to: &list) { list in
                        var writer = RecordFields(text: output, fields: list)
                        fields(&writer)
                    }
                }
                list.sortByKey(in: &buffer, remembering: fieldOrder)
            }
        }
    }
}
