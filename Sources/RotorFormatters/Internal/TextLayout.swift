/// A parsed pattern laid out for formatting: every literal's bytes in one array, and pieces that
/// point into it. Nothing in a piece is reference-counted, so walking the pattern for a record
/// retains nothing per piece.
struct TextLayout: Sendable {
    /// One piece of the pattern.
    enum Piece: Sendable {
        /// `literals[start..<start + count]`.
        case literal(start: Int, count: Int)
        /// A value from the record; see ``TextSegment/token(_:spaceBefore:)``.
        case token(TextToken, spaceBefore: Bool)
    }

    let pieces: [Piece]
    let literals: [UInt8]

    init(_ segments: [TextSegment]) {
        var pieces: [Piece] = []
        var literals: [UInt8] = []
        for segment in segments {
            switch segment {
            case .literal(let bytes):
                pieces.append(.literal(start: literals.count, count: bytes.count))
                literals += bytes
            case .token(let token, let spaceBefore):
                pieces.append(.token(token, spaceBefore: spaceBefore))
            }
        }
        self.pieces = pieces
        self.literals = literals
    }

    /// The tokens of the pattern, in order.
    var tokens: [TextToken] {
        pieces.compactMap { piece in
            if case .token(let token, _) = piece { return token }
            return nil
        }
    }

    /// Calls `body` with each piece and the literal bytes.
    @inline(__always)
    func forEachPiece(_ body: (Piece, UnsafePointer<UInt8>) -> Void) {
        literals.withUnsafeBufferPointer { literals in
            // An empty array may have no storage; no literal piece points into it then.
            let base = literals.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for piece in pieces { body(piece, base) }
        }
    }
}
