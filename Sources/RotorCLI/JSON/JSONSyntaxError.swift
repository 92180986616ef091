/// Why ``StrictJSONParser`` rejected a text, and where.
struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    /// The 0-based byte offset of the problem in the text.
    var offset: Int
    /// What is wrong, for example `duplicate key "level"`.
    var reason: String

    /// `column <offset + 1>: <reason>`.
    var description: String { "column \(offset + 1): \(reason)" }
}
