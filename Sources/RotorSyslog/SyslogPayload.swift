public import RotorCore
import RotorFormatters

/// What a ``SyslogSink`` puts in a message besides the header: the record's metadata as RFC 5424
/// structured data, or the whole record formatted by a ``/RotorCore/LogFormatter`` (JSON by
/// default) as the MSG part.
public enum SyslogPayload: Sendable {
    /// The record's message as MSG, and its label, metadata and error as the parameters of one
    /// structured-data element (``SyslogSinkConfiguration/structuredDataID``):
    /// `[rotor@32473 label="app" request.id="42"] message`.
    ///
    /// Nested metadata dictionaries are flattened into dotted names (`user.id`); arrays are
    /// written as `[a, b]`. A name is cut to the 32 characters RFC 5424 allows, and characters it
    /// forbids in a name (`=`, space, `]`, `"`, and anything outside printable ASCII) become `_`.
    /// In values, `"`, `\` and `]` are escaped with a backslash (section 6.3.3).
    case structuredData
    /// The line `formatter` makes for the record, without its final newline, as MSG, and no
    /// structured data (`-`). Bytes that are not valid UTF-8 are replaced by U+FFFD.
    case formatted(any LogFormatter)

    /// The record as one JSON object in MSG (``/RotorFormatters/JSONFormatter`` with its
    /// defaults), for collectors that parse JSON (rsyslog's `mmjsonparse`, Vector, Fluent Bit).
    public static var json: Self { .formatted(JSONFormatter()) }
}
