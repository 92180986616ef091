/// Turns a ``LogRecord`` into bytes.
///
/// A formatter appends to a caller-owned, reusable ``LogBuffer`` instead of returning a new `String`
/// per record: sinks keep one buffer per thread and clear it (keeping its capacity) between records,
/// so steady-state formatting allocates nothing for the output.
///
/// Every formatter must append exactly one line: the bytes of the record followed by a single `\n`,
/// with no other `\n` or `\r` inside. Rotation, the `rotor` tool and the crash-recovery rules all
/// rely on "one record, one physical line".
public protocol LogFormatter: Sendable {
    /// Appends the record's bytes, ending with one `\n`, to `buffer`.
    ///
    /// - Parameters:
    ///   - record: The record to format.
    ///   - buffer: The output buffer; existing bytes are kept and the record is appended.
    func format(_ record: LogRecord, into buffer: inout LogBuffer)

    /// Whether ``format(_:into:)`` reads the record's ``LogRecord/source``.
    ///
    /// Producers of records may skip working out the source for sinks whose formatters never
    /// write it (swift-log derives it from the call site's file for every statement that gives
    /// none). The default is `true`; return `false` only if the output never depends on `source`.
    var writesSource: Bool { get }
}

extension LogFormatter {
    /// `true`: a formatter is assumed to write the source unless it says otherwise.
    public var writesSource: Bool { true }
}
