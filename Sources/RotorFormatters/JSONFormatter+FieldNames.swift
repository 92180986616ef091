extension JSONFormatter {
    /// The names under which ``JSONFormatter`` writes the fixed fields.
    ///
    /// ```swift
    /// var names = JSONFormatter.FieldNames()
    /// names.timestamp = "@timestamp"
    /// names.message = "msg"
    /// let formatter = JSONFormatter(fieldNames: names)
    /// ```
    ///
    /// Names are escaped like any other JSON string, so any text is allowed; give each field a
    /// distinct name.
    public struct FieldNames: Sendable, Hashable {
        /// The record's timestamp; `"timestamp"` by default.
        public var timestamp: String
        /// The level; `"level"` by default.
        public var level: String
        /// The logger's label; `"label"` by default.
        public var label: String
        /// The message; `"message"` by default.
        public var message: String
        /// The metadata object; `"metadata"` by default.
        public var metadata: String
        /// The emitting module; `"source"` by default.
        public var source: String
        /// The call site's file; `"file"` by default.
        public var file: String
        /// The call site's function; `"function"` by default.
        public var function: String
        /// The call site's line; `"line"` by default.
        public var line: String
        /// The attached error's object; `"error"` by default.
        public var error: String

        /// Creates field names; each one defaults to the field's own name.
        public init(
            timestamp: String = "timestamp",
            level: String = "level",
            label: String = "label",
            message: String = "message",
            metadata: String = "metadata",
            source: String = "source",
            file: String = "file",
            function: String = "function",
            line: String = "line",
            error: String = "error"
        ) {
            self.timestamp = timestamp
            self.level = level
            self.label = label
            self.message = message
            self.metadata = metadata
            self.source = source
            self.file = file
            self.function = function
            self.line = line
            self.error = error
        }
    }
}
