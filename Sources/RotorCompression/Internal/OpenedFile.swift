import RotorLibc
import RotorSystem

/// A file opened for reading, with what `fstat(2)` said of the open descriptor; closed by `deinit`.
final class OpenedFile {
    /// The descriptor (`O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC`).
    let descriptor: Int32
    /// `fstat(2)` of ``descriptor``, taken when it was opened.
    let info: stat

    init(descriptor: Int32, info: stat) {
        self.descriptor = descriptor
        self.info = info
    }

    deinit { close(descriptor) }

    /// The device and inode of the open file.
    var identity: FileIdentity { FileIdentity(info) }

    /// The size in bytes when it was opened.
    var size: Int64 { POSIX.size(info) }
}
