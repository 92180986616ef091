/// Hears about a sink's notable events as they happen, for metrics and monitoring.
///
/// Counts (records, bytes, drops, failures) are read from ``LogSink/statistics`` snapshots, never
/// pushed per record; an observer hears only about events that carry a measurement of their own.
/// Calls come from the thread that finished the event (a writer after a rotation, outside the file's
/// lock; the background queue after a compression) and must return quickly.
public protocol SinkObserver: Sendable {
    /// A rotation completed; `pause` is how long the writer that rotated was held up.
    func sinkDidRotate(pause: Duration, statistics: SinkStatistics)

    /// An archive was compressed.
    func sinkDidCompress(inputBytes: Int64, outputBytes: Int64, duration: Duration, statistics: SinkStatistics)

    /// A rotation's background phase finished: its file names were switched and the next file
    /// prepared, which took `duration` on the background queue (the writer did not wait for it).
    func sinkDidFinishRotationBackgroundPhase(duration: Duration, statistics: SinkStatistics)
}

extension SinkObserver {
    /// Does nothing by default.
    public func sinkDidRotate(pause: Duration, statistics: SinkStatistics) {}

    /// Does nothing by default.
    public func sinkDidCompress(inputBytes: Int64, outputBytes: Int64, duration: Duration, statistics: SinkStatistics) {
    }

    /// Does nothing by default.
    public func sinkDidFinishRotationBackgroundPhase(duration: Duration, statistics: SinkStatistics) {}
}
