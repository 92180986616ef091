/// String operations on slash-separated paths, without Foundation.
enum FilePathText {
    /// The last component of `path`: `"/a/b.log"` → `"b.log"`.
    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `directory` + `/` + `name`, without doubling the slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
