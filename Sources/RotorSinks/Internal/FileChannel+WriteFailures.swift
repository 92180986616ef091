import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem

/// What a failed write leaves behind, and the limits a write must respect.
///
/// A `write(2)` cut short (a full disk, `EFBIG`, `EIO` after its immediate retries) may have put
/// the start of a record into the file. In a rotating file (which this process owns, through the
/// cross-process lock) those bytes are cut off again at once, so no file ever holds part of a
/// record; the record waits whole in the pending tail and is written before anything else once
/// the fault clears. A plain file, which other processes may append to, is never cut: the rest of
/// the line is written later instead.
extension FileChannel {
    /// Writes the records (or, in a plain file, the tail of a line) that an earlier failure held
    /// back. Returns whether they are written.
    func finishPendingTail(_ state: inout State, now: LogTimestamp, after: inout Aftermath) -> Bool {
        guard !state.active.pendingTail.isEmpty else { return true }
        let (written, error) = state.active.pendingTail.withUnsafeBytes { POSIX.writeAll(state.active.descriptor, $0) }
        state.active.status.bytes += Int64(written)
        if error != nil {
            let kept = written > 0 && cutBackPartialWrite(&state, written: written) ? 0 : written
            state.active.status.bytes -= Int64(written - kept)
            state.active.pendingTail.removeFirst(kept)
            state.active.writeBackoff.failed(at: retryClock.now())
            counters.recordFailure(.write)
            return false
        }
        counters.recordWritten(records: state.active.pendingTailRecords, bytes: written)
        state.active.clearPendingTail()
        state.active.writeBackoff.succeeded()
        after.reports.append(.recovered(.write))
        return true
    }

    /// Writes the buffered records (buffered mode). On failure, the part of a record the write
    /// left in a rotating file is cut off again, the records not written become the pending tail
    /// (written before anything else once the fault clears), and `false` is returned. After
    /// `EFBIG` the next attempt rotates first, as in `append`.
    func flushBuffer(_ state: inout State, now: LogTimestamp, after: inout Aftermath) -> Bool {
        guard !state.active.buffer.isEmpty else { return true }
        let (written, error) = state.active.buffer.withUnsafeBytes { POSIX.writeAll(state.active.descriptor, $0) }
        guard let error else {
            counters.recordWritten(records: state.active.bufferedRecords, bytes: state.active.buffer.count)
            state.active.bufferWritten()
            return true
        }
        let rotating = configuration.rotation != nil && state.active.identity != nil
        if error == .fileTooLarge, rotating { state.active.rotateBeforeNextWrite = true }
        defer { if state.active.rotateBeforeNextWrite { state.active.writeBackoff.allowImmediateRetry() } }
        var cut = state.active.buffer.withUnsafeBytes { all in
            rotating ? (all[..<written].lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1 : written
        }
        if cut < written, !cutBackPartialWrite(&state, written: written - cut) { cut = written }
        let (writtenRecords, tail) = state.active.buffer.withUnsafeBytes { all -> (Int, [UInt8]) in
            (all[..<cut].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }, Array(all[cut...]))
        }
        counters.recordWritten(records: writtenRecords, bytes: cut)
        state.active.holdBack(tail, records: state.active.bufferedRecords - writtenRecords)
        // The file holds `cut` of the buffered bytes; the tail is counted again when written.
        state.active.status.bytes -= Int64(state.active.buffer.count - written) + Int64(written - cut)
        state.active.bufferWritten()
        state.active.writeBackoff.failed(at: retryClock.now())
        after.reports.append(.failed(.write, error))
        if error == .noSpace { after.diskFull = true }
        return false
    }

    /// Cuts the last `written` bytes off a rotating file: the part of a record that a failed
    /// write left there. Returns whether it did (never for a plain file).
    func cutBackPartialWrite(_ state: inout State, written: Int) -> Bool {
        guard configuration.rotation != nil, state.active.identity != nil,
            case .success(let info) = POSIX.status(of: state.active.descriptor), Int64(info.st_size) >= Int64(written)
        else { return false }
        return POSIX.truncate(state.active.descriptor, to: Int64(info.st_size) - Int64(written)) == nil
    }

    /// The process's file-size limit (`RLIMIT_FSIZE`) less a margin, or `nil` when there is none.
    ///
    /// Past the limit the kernel sends `SIGXFSZ`, which kills the process unless it is ignored, and
    /// a library must not change signal dispositions. So Rotor never lets a file it writes reach
    /// the limit: a rotating file rotates before it would, and a record that cannot fit anywhere
    /// is dropped and counted. The margin (1/16 of the limit, between 64 bytes and 4 KiB) leaves
    /// room for gzip's few bytes of overhead when an archive of incompressible data is compressed.
    static func readFileSizeLimit() -> Int64? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        let infinity = rlim_t.max  // RLIM_INFINITY, (rlim_t)-1, which Swift cannot import
        #else
        let resource = RLIMIT_FSIZE
        let infinity = RLIM_INFINITY
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != infinity else { return nil }
        let bytes = Int64(clamping: limit.rlim_cur)
        return bytes - max(64, min(4_096, bytes / 16))
    }

    /// Whether `incomingBytes` more would take `file` past ``fileSizeLimit``. An empty file is
    /// never said to pass it unless `evenWhenEmpty` (a rotation would not help).
    @inline(__always)
    func passesFileSizeLimit(_ file: ActiveFileState, incomingBytes: Int, evenWhenEmpty: Bool = false) -> Bool {
        guard let fileSizeLimit, file.bytes + Int64(incomingBytes) > fileSizeLimit else { return false }
        return evenWhenEmpty || file.bytes > 0
    }

    /// Drops a record that would take the file past the size limit, and reports it once.
    func dropAtFileSizeLimit(_ state: inout State, bytes: Int, records: Int, after: inout Aftermath) {
        counters.recordDropped(.writeFailure, records: records, bytes: bytes)
        if !state.active.isDroppingAtSizeLimit {
            state.active.isDroppingAtSizeLimit = true
            after.reports.append(.failed(.write, .fileTooLarge))
        }
    }
}
