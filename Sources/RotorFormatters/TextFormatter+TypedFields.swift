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
    @inline(__always)
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
                        writeFields(fields, sorted: true, into: &buffer)
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
            writeFields(fields, sorted: false, into: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends the fields `fields` writes as sorted `key=value` pairs, or, when `sorted` is
    /// `false`, calls `fields` and appends nothing.
    ///
    /// The pairs are written ``TextFieldList/gap`` bytes past the buffer's end, so that the usual
    /// record (a key set seen before, pairs shorter than the gap) copies them once, sorted,
    /// straight into place; the buffer may therefore grow by up to the gap.
    @inline(__always)
    private func writeFields(_ fields: (inout RecordFields) -> Void, sorted: Bool, into buffer: inout LogBuffer) {
        let destination = buffer.count
        let gap = sorted ? TextFieldList.gap : 0
        buffer.appendInPlace(maximumCount: gap) { _ in gap }
        withUnsafeTemporaryAllocation(byteCount: TextFieldList.inlineByteCount, alignment: 8) { block in
            var list = TextFieldList(inline: block.baseAddress.unsafelyUnwrapped)
            withUnsafeMutablePointer(to: &buffer) { output in
                withUnsafeMutablePointer(to: &list) { list in
                    var writer = RecordFields(text: output, fields: list)
                    fields(&writer)
                }
            }
            if sorted {
                list.placeInKeyOrder(
                    from: destination &+ gap, to: destination, in: &buffer, remembering: fieldOrder)
            } else {
                buffer.truncate(to: destination)
            }
            list.releaseStorage()
        }
    }
}
