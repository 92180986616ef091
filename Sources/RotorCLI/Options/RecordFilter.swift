import ArgumentParser

/// `--since`, `--until` and `--level`: which JSON records `cat` prints.
///
/// Records are selected by their `timestamp` (RFC 3339) and `level` fields, the names
/// `JSONFormatter` writes by default. When a filter is given, a line that is not a JSON object, or
/// lacks the field the filter needs, is left out.
struct RecordFilter: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only records at or after this time (RFC 3339, e.g. 2026-11-21T14:30:00Z, or a date).",
            valueName: "time"),
        transform: ArgumentParsing.instant)
    var since: Instant?

    @Option(
        help: ArgumentHelp(
            "Only records strictly before this time (RFC 3339, e.g. 2026-11-21T15:00:00+01:00, or a date).",
            valueName: "time"),
        transform: ArgumentParsing.instant)
    var until: Instant?

    @Option(help: ArgumentHelp("Only records at this level or more severe.", valueName: "level"))
    var level: LogLevel?

    func validate() throws {
        if let since, let until, until <= since {
            throw ValidationError("--until must be later than --since")
        }
    }

    /// Whether no filter is set.
    var isEmpty: Bool { since == nil && until == nil && level == nil }

    /// Whether the record passes every filter that is set.
    func accepts(_ record: JSONValue) -> Bool {
        if since != nil || until != nil {
            guard let text = record["timestamp"]?.stringValue, let instant = RFC3339.parse(text) else { return false }
            if let since, instant < since { return false }
            if let until, instant >= until { return false }
        }
        if let level {
            guard let name = record["level"]?.stringValue, let recordLevel = LogLevel(recordValue: name) else {
                return false
            }
            if recordLevel < level { return false }
        }
        return true
    }
}
