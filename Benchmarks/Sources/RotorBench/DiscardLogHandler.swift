import Logging

/// A swift-log handler that discards every event: what `Logger` itself costs (building the
/// message and the metadata dictionary, the level check, the call through the existential), the
/// ceiling any real handler is compared with.
struct DiscardLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {}
}
