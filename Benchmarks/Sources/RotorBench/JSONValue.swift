/// A JSON value for the result line.
indirect enum JSONValue {
    case int(Int)
    /// A number rounded to `digits` decimals.
    case double(Double, digits: Int)
    case string(String)
    case bool(Bool)
    case array([JSONValue])
    case object(JSONObject)
    case null

    var rendered: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value, let digits):
            guard value.isFinite else { return "null" }
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let rounded = (value * scale).rounded() / scale
            if digits == 0 || rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
            return String(rounded)
        case .string(let value): return Self.quoted(value)
        case .bool(let value): return value ? "true" : "false"
        case .array(let values): return "[" + values.map(\.rendered).joined(separator: ",") + "]"
        case .object(let object): return object.rendered
        case .null: return "null"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
