extension JSONFormatter {
    /// Where ``JSONFormatter`` puts a record's metadata.
    public struct MetadataPlacement: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            case nested
            case flattened
        }

        let kind: Kind

        /// One object under the `metadata` field name, omitted when the record has no metadata.
        /// The default.
        ///
        /// `{"timestamp":…,"message":"hi","metadata":{"a":"1","b":{"c":"2"}},"source":…}`
        public static let nested = MetadataPlacement(kind: .nested)

        /// Each metadata key as a top-level member, in sorted order, after the message.
        ///
        /// A key that equals the name of a top-level field this formatter can write (the fixed
        /// fields, the enabled call-site fields, `error` and `metadata`) is not flattened: such keys
        /// are gathered into an object under the `metadata` name instead, so an object never holds
        /// two members with the same name.
        ///
        /// `{"timestamp":…,"message":"hi","a":"1","b":{"c":"2"},"metadata":{"level":"x"},"source":…}`
        public static let flattened = MetadataPlacement(kind: .flattened)
    }
}
