import Logging
import RotorCore

/// A parsed pattern laid out for formatting, once per level: the level's name (coloured or not)
/// is written into the literal text around it, so formatting a record walks fewer pieces and
/// never looks the name up. Every level's pieces sit in one array and every literal byte in
/// another, and nothing in a piece is reference-counted, so walking the pattern for a record
/// retains nothing.
struct TextLayout: Sendable {
    /// One piece of the pattern.
    enum Piece: Sendable {
        /// `literals[start..<start + count]`.
        case literal(start: Int, count: Int)
        /// A value from the record (never the level: that is literal text here); see
        /// ``TextSegment/token(_:spaceBefore:)``.
        case token(TextToken, spaceBefore: Bool)
    }

    /// The parsed pattern.
    let segments: [TextSegment]
    /// The tokens of the pattern, in order.
    let tokens: [TextToken]
    /// Each level's pieces, one level after the other in `Logger.Level.allCases` order.
    private let pieces: [Piece]
    /// Where each level's pieces start in ``pieces``, and where the last level's end.
    private let pieceStarts: [Int]
    /// Each level's pieces for a direct record (see ``withDirectPieces(level:_:)``), laid out as
    /// ``pieces`` is.
    private let directPieces: [Piece]
    private let directPieceStarts: [Int]
    /// Each level's direct layout as a ``TextDirectShape``, in `Logger.Level.allCases` order, when
    /// every level has one (the levels differ only in their literals); otherwise empty.
    let directShapes: [TextDirectShape]
    private let literals: [UInt8]

    /// Lays out `segments`, with the level's name coloured when `colored` is `true`.
    init(_ segments: [TextSegment], colored: Bool) {
        var pieces: [Piece] = []
        var starts: [Int] = []
        var literals: [UInt8] = []
        for level in Logger.Level.allCases {
            starts.append(pieces.count)
            var pending: [UInt8] = []
            func flush() {
                guard !pending.isEmpty else { return }
                pieces.append(.literal(start: literals.count, count: pending.count))
                literals += pending
                pending = []
            }
            for segment in segments {
                switch segment {
                case .literal(let bytes):
                    pending += bytes
                case .token(let token, _) where token == .level || token == .upperLevel:
                    if colored { pending += ANSIColor.start(for: level) }
                    let name = TextFormatter.name(of: level, upperCase: token == .upperLevel)
                    pending += UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
                    if colored { pending += ANSIColor.reset }
                case .token(let token, let spaceBefore):
                    flush()
                    pieces.append(.token(token, spaceBefore: spaceBefore))
                }
            }
            flush()
        }
        starts.append(pieces.count)
        let (directPieces, directStarts) = Self.directLayout(pieces, starts: starts, literals: &literals)
        self.directPieces = directPieces
        self.directPieceStarts = directStarts
        let shapes = (0..<(directStarts.count - 1)).compactMap { level in
            TextDirectShape(directPieces[directStarts[level]..<directStarts[level + 1]], literals: literals)
        }
        self.directShapes = shapes.count == directStarts.count - 1 ? shapes : []
        self.segments = segments
        self.tokens = segments.compactMap { segment in
            if case .token(let token, _) = segment { return token }
            return nil
        }
        self.pieces = pieces
        self.pieceStarts = starts
        self.literals = literals
    }

    /// Calls `body` with each piece of `level`'s layout and the literal bytes.
    @inline(__always)
    func forEachPiece(level: Logger.Level, _ body: (Piece, UnsafePointer<UInt8>) -> Void) {
        let position = level.position
        let start = pieceStarts[position]
        let end = pieceStarts[position &+ 1]
        pieces.withUnsafeBufferPointer { pieces in
            literals.withUnsafeBufferPointer { literals in
                // An empty array may have no storage; no literal piece points into it then.
                let base = literals.baseAddress ?? UnsafePointer(bitPattern: 1)!
                var index = start
                while index < end {
                    body(pieces[index], base)
                    index &+= 1
                }
            }
        }
    }

    /// Calls `body` with the pieces of `level`'s layout for a direct record and the literal
    /// bytes. A direct record has no call site and no error, so its layout has only literals and
    /// the timestamp, label, message and metadata tokens: `{line}` is the literal `0`, `{source}`,
    /// `{file}`, `{function}` and `{error}` (with the space before it) are gone, and the literals
    /// around them are one piece.
    @inline(__always)
    func withDirectPieces<Result>(
        level: Logger.Level, _ body: (UnsafeBufferPointer<Piece>, UnsafePointer<UInt8>) -> Result
    ) -> Result {
        let position = level.position
        let start = directPieceStarts[position]
        let end = directPieceStarts[position &+ 1]
        return directPieces.withUnsafeBufferPointer { pieces in
            literals.withUnsafeBufferPointer { literals in
                // An empty array may have no storage; no literal piece points into it then.
                let base = literals.baseAddress ?? UnsafePointer(bitPattern: 1)!
                return body(UnsafeBufferPointer(rebasing: pieces[start..<end]), base)
            }
        }
    }

    /// The direct layout of every level (see ``withDirectPieces(level:_:)``), made from the
    /// layout `pieces`; literals it merges are appended to `literals`.
    private static func directLayout(
        _ pieces: [Piece], starts: [Int], literals: inout [UInt8]
    ) -> (pieces: [Piece], starts: [Int]) {
        var direct: [Piece] = []
        var directStarts: [Int] = []
        for level in 0..<(starts.count - 1) {
            directStarts.append(direct.count)
            var pending: [UInt8] = []
            func flush() {
                guard !pending.isEmpty else { return }
                direct.append(.literal(start: literals.count, count: pending.count))
                literals += pending
                pending = []
            }
            for piece in pieces[starts[level]..<starts[level + 1]] {
                switch piece {
                case .literal(let start, let count):
                    pending += literals[start..<(start + count)]
                case .token(.line, _):
                    pending.append(UInt8(ascii: "0"))
                case .token(.source, _), .token(.file, _), .token(.function, _), .token(.error, _):
                    break
                case .token:
                    flush()
                    direct.append(piece)
                }
            }
            flush()
        }
        directStarts.append(direct.count)
        return (direct, directStarts)
    }
}
