/// String operations on slash-separated paths, without Foundation.
enum FilePathText {
    /// The directory part of `path`: `"/a/b.log"` → `"/a"`, `"b.log"` → `"."`, `"/b.log"` → `"/"`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

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
