import RotorLibc

// @unchecked Sendable: the mapping never moves and each slot has exactly one writing thread.
/// The shared acknowledgement file: slot `t` (8 bytes at offset `8 × t`) holds, as a little-endian
/// `Int64`, the last sequence number of thread `t` known to have reached the kernel, or -1 before
/// the first one.
///
/// The file is opened (created if needed), its slots are set to -1 with one `pwrite(2)` before any
/// record is written, and it is mapped with `MAP_SHARED`: each acknowledgement is one aligned
/// 8-byte store into the page cache, visible to the process that kills this one.
final class AckFile: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    private let length: Int
    private let descriptor: Int32

    /// Opens and maps `path` with one slot per thread.
    ///
    /// - Throws: ``AckFileError`` with the failing call and `errno`.
    init(path: String, threads: Int) throws(AckFileError) {
        let length = 8 * threads
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AckFileError(call: "open", path: path, code: errno) }
        let initial = [UInt8](repeating: 0xFF, count: length)  // -1 in every slot
        let written = initial.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, length, 0) }
        guard written == length else {
            let code = written < 0 ? errno : EIO
            close(descriptor)
            throw AckFileError(call: "pwrite", path: path, code: code)
        }
        guard let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0),
            mapped != MAP_FAILED
        else {
            let code = errno
            close(descriptor)
            throw AckFileError(call: "mmap", path: path, code: code)
        }
        self.base = mapped
        self.length = length
        self.descriptor = descriptor
    }

    /// Records that `seq` is the last acknowledged record of `thread`.
    @inline(__always)
    func acknowledge(_ seq: Int, thread: Int) {
        base.storeBytes(of: Int64(seq).littleEndian, toByteOffset: 8 * thread, as: Int64.self)
    }

    /// Unmaps and closes the file (its content stays).
    func release() {
        munmap(base, length)
        close(descriptor)
    }
}
