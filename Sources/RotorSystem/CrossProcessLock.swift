import CRotorSystem
@_spi(RotorInternals) package import RotorCore
package import RotorLibc

/// The lock file beside a rotating log (`.app.log.rotor-lock`), through which processes that name
/// the same log coordinate.
///
/// One file carries three locks, each on one byte (open-file-description locks, `F_OFD_SETLK`, on
/// Linux: they belong to this descriptor, so the kernel releases them when it is closed or the
/// process dies, and a crash never leaves a lock behind):
/// - ``Role/owner``, held for as long as the log is open: exclusively by the one owner of the
///   path (the default), or shared by every process in the multi-process mode, so that the two
///   modes can never meet on one path;
/// - ``Role/writer``, held exclusively around each write in the multi-process mode: rotation is
///   decided and carried out under it;
/// - ``Role/archives``, held exclusively while compression or retention runs, by a sink or by
///   `rotor prune`, so that only one of them works on the archives at a time.
///
/// Threads of one process share the locks: an OFD lock belongs to the open file description, which
/// every thread uses, so the kernel cannot tell them apart. Each role therefore counts its holders
/// in the process: the first ``lock(_:exclusive:)`` takes the byte, the last ``unlock(_:)`` releases
/// it, and a thread that unlocks never releases a lock another thread still holds.
///
/// The file also holds the pid of the last exclusive owner, for the error a second process gets.
/// It is created with the logs' permissions, never through a symbolic link, and never deleted
/// (deleting a lock file while another process waits on it would split the lock in two).
package final class CrossProcessLock: Sendable {
    /// What a lock is for; its byte in the file.
    package enum Role: Int, Sendable {
        case owner = 0
        case writer = 1
        case archives = 2
    }

    /// The lock file's descriptor, closed by `deinit` (which releases every lock first).
    package let descriptor: Int32

    /// Per role, the threads of this process holding it. Each count's lock is held while the
    /// byte is taken or released, so that the count and the kernel's lock always agree.
    private let holders: [Locked<Int>]

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        self.holders = [Locked(0), Locked(0), Locked(0)]
    }

    deinit {
        // Released explicitly first: a child process forked meanwhile (even one about to exec,
        // with O_CLOEXEC) shares the open file description, and closing our descriptor alone
        // would leave the locks held until that child lets go of it.
        for role in [Role.owner, .writer, .archives] { _ = rotor_unlock_byte(descriptor, role.rawValue) }
        close(descriptor)
    }

    /// Opens (creating if needed) the lock file `name` in `directory`.
    package static func open(
        _ name: String, in directory: DirectoryHandle, permissions: mode_t
    ) -> Result<CrossProcessLock, SystemCallError> {
        directory.openFile(name, O_RDWR | O_CREAT, permissions).flatMap { fd in
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                close(fd)
                return .failure(SystemCallError(rawValue: EINVAL))
            }
            return .success(CrossProcessLock(descriptor: fd))
        }
    }

    /// Takes `role` without waiting. Returns `false` when another process holds it in a way that
    /// conflicts; throws nothing, but an unexpected error is returned as a failure.
    /// Takes `role` without waiting. Returns `false` when another process holds it in a way that
    /// conflicts. When another thread of this process holds it, succeeds at once (whatever
    /// `exclusive` says: the process already has it).
    package func tryLock(_ role: Role, exclusive: Bool) -> Result<Bool, SystemCallError> {
        holders[role.rawValue].withLock { count in
            if count > 0 {
                count += 1
                return .success(true)
            }
            let code = rotor_lock_byte(descriptor, role.rawValue, exclusive ? 1 : 0, 0)
            if code == 0 {
                count = 1
                return .success(true)
            }
            if code == EAGAIN || code == EACCES { return .success(false) }
            return .failure(SystemCallError(rawValue: code))
        }
    }

    /// Takes `role`, waiting as long as another process holds it (other threads of this process
    /// that want it wait too; one that already holds it lets the caller in at once).
    package func lock(_ role: Role, exclusive: Bool = true) -> SystemCallError? {
        holders[role.rawValue].withLock { count in
            if count > 0 {
                count += 1
                return nil
            }
            let code = rotor_lock_byte(descriptor, role.rawValue, exclusive ? 1 : 0, 1)
            guard code == 0 else { return SystemCallError(rawValue: code) }
            count = 1
            return nil
        }
    }

    /// Releases `role` for the caller: the byte itself once no thread of this process holds it.
    package func unlock(_ role: Role) {
        holders[role.rawValue].withLock { count in
            guard count > 0 else { return }
            count -= 1
            if count == 0 { _ = rotor_unlock_byte(descriptor, role.rawValue) }
        }
    }

    /// Records this process as the owner (its pid, as text, is the file's whole content).
    package func recordOwner() {
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// The pid recorded by the owner, if the file holds one.
    package func recordedOwner() -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer.prefix(n), as: UTF8.self)
        return Int32(text.split(separator: "\n").first ?? "")
    }
}
