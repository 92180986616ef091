import RotorCore
import RotorLibc
import RotorSystem

/// The `.archives` lock of a log's lock file (`.app.log.rotor-lock`, a `CrossProcessLock`), which
/// a sink holds while it compresses archives or applies retention.
///
/// `rotor prune` holds it for its whole run, so that it and a process writing the log never work
/// on the archives at the same time: a compression cannot bring back a generation that `prune`
/// deleted, nor `prune` pull an archive from under a compression.
enum ArchivesLock {
    /// Opens (creating if needed) the lock file beside `location`'s active file in `directory` and
    /// takes its `.archives` lock exclusively, waiting as long as another process holds it.
    ///
    /// The lock file is created with the active file's permission bits, or `0644` when there is
    /// no active regular file (neither is followed through a symbolic link). The lock lasts as long
    /// as the returned value (its descriptor).
    ///
    /// - Parameter waiting: Called once, before waiting, if another process holds the lock.
    /// - Throws: ``CLIError`` `.failure` when the lock file cannot be opened or locked.
    static func acquire(
        for location: LogLocation, in directory: DirectoryHandle, waiting: () -> Void
    ) throws(CLIError) -> CrossProcessLock {
        let name = RotorHiddenFiles(base: location.base).lock
        let path = location.path(of: name)
        let lock: CrossProcessLock
        switch CrossProcessLock.open(name, in: directory, permissions: permissions(of: location.base, in: directory)) {
        case .success(let opened): lock = opened
        case .failure(let error): throw .failure("\(path): cannot open the lock file: \(error)")
        }
        switch lock.tryLock(.archives, exclusive: true) {
        case .success(true):
            return lock
        case .success(false):
            waiting()
            if let error = lock.lock(.archives, exclusive: true) {
                throw .failure("\(path): cannot take the archives lock: \(error)")
            }
            return lock
        case .failure(let error):
            throw .failure("\(path): cannot take the archives lock: \(error)")
        }
    }

    /// The permission bits of the regular file `name`, `0644` if there is none.
    private static func permissions(of name: String, in directory: DirectoryHandle) -> mode_t {
        guard case .success(let info) = directory.status(of: name), (info.st_mode & S_IFMT) == S_IFREG else {
            return 0o644
        }
        return info.st_mode & 0o777
    }
}
