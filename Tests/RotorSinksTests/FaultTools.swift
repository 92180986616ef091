import Foundation

/// Real file-system faults for tests, on Linux.
enum FaultTools {
    /// Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, as in CI here).
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, let dir = try? makeScratchDirectory() else { return false }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard (try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", dir]).status) == 0 else {
            return false
        }
        _ = try? run("/bin/umount", [dir])
        return true
    }()

    /// Mounts a tmpfs of `size` bytes on a new directory inside `parent`, runs `body`, unmounts.
    static func withTmpfs<Result>(size: Int, in parent: String, _ body: (String) throws -> Result) throws -> Result {
        let mountPoint = parent + "/tmpfs"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint])
        guard mounted.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { _ = try? run("/bin/umount", ["-l", mountPoint]) }
        return try body(mountPoint)
    }

    private static func makeScratchDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "/rotor-mount-probe-\(getpid())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
