extension JSONFormatter {
    /// The optional call-site fields ``JSONFormatter`` writes.
    ///
    /// The timestamp, level, label, message, metadata and error are always written (metadata and
    /// error only when present).
    ///
    /// ```swift
    /// let compact = JSONFormatter(fields: [.source])   // no file, function or line
    /// ```
    public struct Fields: OptionSet, Sendable, Hashable {
        /// The option bits.
        public let rawValue: UInt8

        /// Creates a set from raw bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The emitting module (``/RotorCore/LogRecord/source``).
        public static let source = Fields(rawValue: 1 << 0)
        /// The call site's file.
        public static let file = Fields(rawValue: 1 << 1)
        /// The call site's function.
        public static let function = Fields(rawValue: 1 << 2)
        /// The call site's line.
        public static let line = Fields(rawValue: 1 << 3)

        /// Source, file, function and line: the default.
        public static let all: Fields = [.source, .file, .function, .line]
    }
}
