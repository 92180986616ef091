import RotorCore
import RotorRotation

/// The directory listing and an open descriptor of the active file, taken so that they agree.
///
/// The active file is opened between two scans; if a rotation happens in between (the archive IDs
/// differ), both are taken again. So the descriptor's file is never also listed as an archive, and
/// every archive listed was rotated before the descriptor's file became active.
struct LogSnapshot {
    /// The scan that agrees with ``activeDescriptor``.
    var directory: LogDirectory
    /// The active file, open for reading, `nil` if it does not exist.
    var activeDescriptor: Int32?
    /// `fstat` of ``activeDescriptor``.
    var activeInfo: FileSystem.Info?

    /// Takes a consistent snapshot, retrying while rotations keep happening (up to 50 times, then
    /// the last attempt is used).
    static func take(_ location: LogLocation) throws(CLIError) -> LogSnapshot {
        var attempt = 0
        while true {
            attempt += 1
            let before = try LogDirectory.scan(location)
            var fd: Int32?
            switch FileSystem.openForReading(location.activePath) {
            case .success(let opened): fd = opened
            case .failure(let error) where error == .noSuchFileOrDirectory: fd = nil
            case .failure(let error): throw .failure("\(location.activePath): cannot open: \(error)")
            }
            let after = try LogDirectory.scan(location)
            if before.generations.map(\.id) == after.generations.map(\.id) || attempt >= 50 {
                let info = fd.flatMap { try? FileSystem.info(of: $0).get() }
                return LogSnapshot(directory: after, activeDescriptor: fd, activeInfo: info)
            }
            if let fd { FileSystem.close(fd) }
        }
    }
}
