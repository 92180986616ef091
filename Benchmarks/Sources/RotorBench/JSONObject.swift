/// A JSON object that keeps its keys in insertion order.
struct JSONObject {
    private var members: [(key: String, value: JSONValue)] = []

    subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            members.removeAll { $0.key == key }
            if let newValue { members.append((key, newValue)) }
        }
    }

    var rendered: String {
        "{" + members.map { "\"\($0.key)\":\($0.value.rendered)" }.joined(separator: ",") + "}"
    }
}
