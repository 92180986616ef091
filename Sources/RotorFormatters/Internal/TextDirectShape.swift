import RotorCore

/// The usual layout of a direct record, `[a]{timestamp}[b]{label}[c]{message}[d]{metadata}[e]`
/// (the default pattern, and most others once the level is literal text), for one level: each
/// token once, in that order, with literals of at most 32 bytes between them (some empty; a
/// coloured level name takes up to 21). ``TextFormatter`` writes such a record in straight-line
/// code instead of walking the pieces, and each literal as one or two 16-byte stores.
struct TextDirectShape: Sendable {
    /// Up to 32 literal bytes, zero-padded, and how many there are.
    struct Literal: Sendable {
        let first: SIMD16<UInt8>
        let second: SIMD16<UInt8>
        let count: Int

        /// `bytes`, or `nil` when there are more than 32.
        init?(_ bytes: [UInt8]) {
            guard bytes.count <= 32 else { return nil }
            let padded = bytes + [UInt8](repeating: 0, count: 32 - bytes.count)
            first = SIMD16(padded[0..<16])
            second = SIMD16(padded[16..<32])
            count = bytes.count
        }

        /// Appends the bytes with one 16-byte store, or two for more than 16 (the buffer keeps
        /// only `count` of them); nothing for none.
        @inline(__always)
        func append(to buffer: inout LogBuffer) {
            guard count > 0 else { return }
            buffer.appendInPlace(maximumCount: 32) { out in
                let raw = UnsafeMutableRawPointer(out)
                raw.storeBytes(of: first, as: SIMD16<UInt8>.self)
                if count > 16 { raw.storeBytes(of: second, toByteOffset: 16, as: SIMD16<UInt8>.self) }
                return count
            }
        }
    }

    /// Before `{timestamp}`.
    let leading: Literal
    /// Between `{timestamp}` and `{label}`.
    let afterTimestamp: Literal
    /// Between `{label}` and `{message}`.
    let afterLabel: Literal
    /// Between `{message}` and `{metadata}` (without the space `{metadata}` may take).
    let afterMessage: Literal
    /// Whether a space goes before the pairs (only when there are pairs).
    let spaceBeforeMetadata: Bool
    /// After `{metadata}`, with the line's `\n`.
    let trailing: Literal

    /// The shape of the direct pieces `pieces` over `literals`, or `nil` when they do not have it.
    init?(_ pieces: ArraySlice<TextLayout.Piece>, literals: [UInt8]) {
        // Literal text before each token, and after the last.
        var texts: [[UInt8]] = [[]]
        var tokens: [TextToken] = []
        var spaceBeforeMetadata = false
        for piece in pieces {
            switch piece {
            case .literal(let start, let count):
                texts[texts.count - 1] += literals[start..<(start + count)]
            case .token(let token, let spaceBefore):
                tokens.append(token)
                if token == .metadata { spaceBeforeMetadata = spaceBefore }
                texts.append([])
            }
        }
        texts[texts.count - 1].append(UInt8(ascii: "\n"))
        guard tokens == [.timestamp, .label, .message, .metadata],
            let leading = Literal(texts[0]), let afterTimestamp = Literal(texts[1]),
            let afterLabel = Literal(texts[2]), let afterMessage = Literal(texts[3]), let trailing = Literal(texts[4])
        else { return nil }
        self.leading = leading
        self.afterTimestamp = afterTimestamp
        self.afterLabel = afterLabel
        self.afterMessage = afterMessage
        self.spaceBeforeMetadata = spaceBeforeMetadata
        self.trailing = trailing
    }
}
