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
    /// allocated: no `String`, no `Dictionary`. The pairs are put in key order in room past the
    /// line, so `buffer` needs capacity for up to 288 bytes more than the line it ends with.
    @inline(__always)
    public func format(
        timestamp: LogTimestamp, level: Logger.Level, label: String, message: StaticString,
        into buffer: inout LogBuffer, fields: (inout RecordFields) -> Void
    ) {
        let shapes = layout.directShapes
        if !shapes.isEmpty {
            // The usual layout, in straight-line code. (Through a pointer, so that each literal is
            // read where it is written, not the whole shape copied first.)
            let timestampStyle = self.timestampStyle
            let timestampCache = self.timestampCache
            let fieldOrder = self.fieldOrder
            let position = level.position
            shapes.withUnsafeBufferPointer { shapes in
                let shape = shapes.baseAddress.unsafelyUnwrapped + position
                shape.pointee.leading.append(to: &buffer)
                TimestampWriter.append(timestamp, style: timestampStyle, cache: timestampCache, into: &buffer)
                shape.pointee.afterTimestamp.append(to: &buffer)
                TextEscaper.appendEscaped(label, into: &buffer)
                shape.pointee.afterLabel.append(to: &buffer)
                TextEscaper.appendEscaped(message, into: &buffer)
                shape.pointee.afterMessage.append(to: &buffer)
                let start = buffer.count
                if shape.pointee.spaceBeforeMetadata { buffer.append(UInt8(ascii: " ")) }
                let pairsStart = buffer.count
                Self.writeFields(fields, sorted: true, remembering: fieldOrder, into: &buffer)
                if buffer.count == pairsStart { buffer.truncate(to: start) }
                shape.pointee.trailing.append(to: &buffer)
            }
            return
        }
        // Where the first `{metadata}` wrote its pairs: a second one copies them.
        var pairs: Range<Int>?
        // The closure below captures these, not the whole formatter (which would be copied).
        let timestampStyle = self.timestampStyle
        let timestampCache = self.timestampCache
        let fieldOrder = self.fieldOrder
        layout.withDirectPieces(level: level) { pieces, literals in
            var index = 0
            // The usual pattern starts with the timestamp: written here, out of the loop, so that
            // the compiler does not compute parts of it for every piece (or for no timestamp).
            if case .token(.timestamp, _)? = pieces.first {
                TimestampWriter.append(timestamp, style: timestampStyle, cache: timestampCache, into: &buffer)
                index = 1
            }
            while index < pieces.count {
                switch pieces[index] {
                case .literal(let start, let count):
                    buffer.append(literals + start, count: count)
                case .token(.timestamp, _):
                    Self.appendTimestamp(timestamp, style: timestampStyle, cache: timestampCache, into: &buffer)
                case .token(.label, _):
                    TextEscaper.appendEscaped(label, into: &buffer)
                case .token(.message, _):
                    TextEscaper.appendEscaped(message, into: &buffer)
                case .token(let token, let spaceBefore):
                    // `{metadata}`: no other token is in a direct layout.
                    assert(token == .metadata)
                    let start = buffer.count
                    if spaceBefore { buffer.append(UInt8(ascii: " ")) }
                    let pairsStart = buffer.count
                    if let pairs {
                        buffer.appendCopy(from: pairs.lowerBound, to: pairs.upperBound)
                    } else {
                        Self.writeFields(fields, sorted: true, remembering: fieldOrder, into: &buffer)
                        pairs = pairsStart..<buffer.count
                    }
                    if buffer.count == pairsStart { buffer.truncate(to: start) }
                }
                index &+= 1
            }
        }
        if pairs == nil {
            // No `{metadata}`: the fields are still called once, as with every formatter.
            Self.writeFields(fields, sorted: false, remembering: fieldOrder, into: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends the timestamp; out of line, for a timestamp that is not the first piece.
    @inline(never)
    private static func appendTimestamp(
        _ timestamp: LogTimestamp, style timestampStyle: TimestampStyle, cache timestampCache: TimestampCache,
        into buffer: inout LogBuffer
    ) {
        TimestampWriter.append(timestamp, style: timestampStyle, cache: timestampCache, into: &buffer)
    }

    /// Appends the fields `fields` writes as sorted `key=value` pairs, or, when `sorted` is
    /// `false`, calls `fields` and appends nothing.
    ///
    /// The pairs are written ``TextFieldList/gap`` bytes past the buffer's end, so that the usual
    /// record (a key set seen before, pairs shorter than the gap) copies them once, sorted,
    /// straight into place; the buffer may therefore grow by up to the gap.
    @inline(__always)
    private static func writeFields(
        _ fields: (inout RecordFields) -> Void, sorted: Bool, remembering fieldOrder: FieldOrderCache,
        into buffer: inout LogBuffer
    ) {
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
