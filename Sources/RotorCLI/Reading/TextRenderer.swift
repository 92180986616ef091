/// Renders a JSON record as one line of text:
/// `<timestamp> <LEVEL> [<label>] <message> key=value …`.
///
/// `key=value` pairs come from the `metadata` object (in the record's order), then from any other
/// top-level member that `JSONFormatter`'s standard fields do not account for (flattened
/// metadata), then `error`. Strings are written bare when they hold no space, quote, `=` or
/// control character, JSON-quoted otherwise; other values as compact JSON. Control characters in
/// the message are escaped, so a record always stays on one line.
enum TextRenderer {
    /// The fields shown in the fixed part of the line or never shown (call-site details).
    private static let standardFields: Set<String> = [
        "timestamp", "level", "label", "message", "metadata", "source", "file", "function", "line", "error",
    ]

    static func render(_ record: JSONValue) -> String {
        var text = record["timestamp"]?.stringValue ?? "-"
        let level = (record["level"]?.stringValue ?? "-").uppercased()
        text += " " + level + String(repeating: " ", count: max(0, 8 - level.count))
        if let label = record["label"]?.stringValue, !label.isEmpty {
            text += " [" + escapingControls(label) + "]"
        }
        if let message = record["message"] {
            text += " " + (message.stringValue.map(escapingControls) ?? message.compactText)
        }
        if case .object(let metadata)? = record["metadata"] {
            for (key, value) in metadata { text += " " + pair(key, value) }
        } else if let metadata = record["metadata"] {
            text += " " + pair("metadata", metadata)
        }
        if case .object(let members) = record {
            for (key, value) in members where !standardFields.contains(key) { text += " " + pair(key, value) }
        }
        if let error = record["error"] { text += " " + pair("error", error) }
        return text
    }

    private static func pair(_ key: String, _ value: JSONValue) -> String {
        bare(key) + "=" + bare(value)
    }

    private static func bare(_ value: JSONValue) -> String {
        guard case .string(let text) = value else { return value.compactText }
        return bare(text)
    }

    private static func bare(_ text: String) -> String {
        let needsQuotes =
            text.isEmpty
            || text.unicodeScalars.contains {
                $0 == " " || $0 == "\"" || $0 == "=" || $0.value < 0x20 || $0.value == 0x7F
            }
        return needsQuotes ? JSONValue.quoted(text) : text
    }

    /// `text` with control characters written as JSON escapes (`\n`, `\t`, `\u001b`…).
    private static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += String(JSONValue.quoted(String(scalar)).dropFirst().dropLast())
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
