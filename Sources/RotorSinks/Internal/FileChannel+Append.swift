import RotorCore
import RotorRotation
import RotorSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The write path, under the channel's lock: the checks a record passes before its bytes go out
/// (external change, rotation, size limit, backoff), the buffer, and the `write(2)` itself. What
/// a failed write leaves behind is handled in `FileChannel+WriteFailures`.
extension FileChannel {
    /// Appends a batch of whole lines to a rotating file exactly as if each line were written on
    /// its own: the strategy is asked line by line against a simulated file state, and the batch
    /// is cut before every line that would have rotated, so batching never changes which file a
    /// record lands in, nor makes a file exceed its limit.
    func appendBatch(
        _ bytes: UnsafeRawBufferPointer, records: Int, to state: inout State, after: inout Aftermath
    ) {
        guard rotates, state.identity != nil, let base = bytes.baseAddress
        else {
            return append(bytes, records: records, to: &state, after: &after)
        }
        let now = clock.now()
        var simulated = state.file
        var segmentStart = 0
        var segmentLines = 0
        var lineStart = 0
        while lineStart < bytes.count {
            let remaining = bytes.count - lineStart
            let lineEnd =
                memchr(base + lineStart, 0x0A, remaining).map { $0 - UnsafeMutableRawPointer(mutating: base) + 1 }
                ?? bytes.count
            let length = lineEnd - lineStart
            if strategy.shouldRotate(simulated, incomingBytes: length, now: now)
                || passesFileSizeLimit(simulated, incomingBytes: length)
            {
                if segmentLines > 0 {
                    append(
                        UnsafeRawBufferPointer(rebasing: bytes[segmentStart..<lineStart]), records: segmentLines,
                        to: &state, after: &after)
                }
                // This line is where a rotation falls: written alone, it rotates first.
                append(
                    UnsafeRawBufferPointer(rebasing: bytes[lineStart..<lineEnd]), records: 1, to: &state, after: &after)
                simulated = state.file
                segmentStart = lineEnd
                segmentLines = 0
            } else {
                simulated.bytes += Int64(length)
                simulated.records += 1
                segmentLines += 1
            }
            lineStart = lineEnd
        }
        if segmentLines > 0 {
            append(
                UnsafeRawBufferPointer(rebasing: bytes[segmentStart...]), records: segmentLines, to: &state,
                after: &after)
        }
    }

    func append(
        _ bytes: UnsafeRawBufferPointer, records: Int, to state: inout State, after: inout Aftermath
    ) {
        guard !state.isClosed else {
            counters.recordDropped(.closed, records: records, bytes: bytes.count)
            return
        }
        let now = clock.now()
        if state.identity != nil {
            if state.recordsSinceCheck + records > externalChangeRecords
                || now.duration(since: state.lastCheck) >= externalChangeInterval
                || now < state.lastCheck
            {
                checkForExternalChange(&state, now: now, after: &after)
            }
            if rotates {
                if strategy.shouldRotate(state.file, incomingBytes: bytes.count, now: now)
                    || passesFileSizeLimit(state.file, incomingBytes: bytes.count)
                {
                    rotateIfPossible(&state, now: now, after: &after)
                }
                if let maximumFileBytes, Int64(bytes.count) > maximumFileBytes {
                    counters.update { $0.oversizeRecords += 1 }
                }
            }
            if passesFileSizeLimit(state.file, incomingBytes: bytes.count, evenWhenEmpty: true) {
                return dropAtFileSizeLimit(&state, bytes: bytes.count, records: records, after: &after)
            }
            // Counted in the file they go to (a rotation above starts a new count).
            state.recordsSinceCheck += records
            state.unconfirmedRecords += records
        }
        let wasFailing = state.writeBackoff.isFailing
        if wasFailing {
            guard state.writeBackoff.mayAttempt(at: retryClock.now()) else {
                counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
                return
            }
            if state.rotateBeforeNextWrite {
                rotate(&state, now: now, after: &after)
                guard state.file.bytes == 0 else {
                    state.writeBackoff.failed(at: retryClock.now())
                    counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
                    return
                }
                state.rotateBeforeNextWrite = false
            }
            guard finishPendingTail(&state, now: now, after: &after) else {
                counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
                return
            }
        }
        if bufferCapacity > 0 {
            if state.buffer.count + bytes.count > bufferCapacity,
                !flushBuffer(&state, now: now, after: &after)
            {
                counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
                return
            }
            if bytes.count < bufferCapacity {
                state.buffer.append(bytes)
                state.bufferedRecords += records
                state.file.bytes += Int64(bytes.count)
                state.file.records += records
                if state.file.firstRecordAt == nil { state.file.firstRecordAt = now }
                return
            }
        }
        let (written, error) = POSIX.writeAll(state.descriptor, bytes)
        state.file.bytes += Int64(written)
        guard let error else {
            counters.recordWritten(records: records, bytes: bytes.count)
            state.file.records += records
            if state.file.firstRecordAt == nil { state.file.firstRecordAt = now }
            if state.writeBackoff.isFailing || state.isDroppingAtSizeLimit {
                state.writeBackoff.succeeded()
                state.isDroppingAtSizeLimit = false
                after.reports.append(.recovered(.write))
            }
            return
        }
        state.writeBackoff.failed(at: retryClock.now())
        // No file keeps part of a record: what the failed write left is cut off again.
        let kept = written > 0 && cutBackPartialWrite(&state, written: written) ? 0 : written
        state.file.bytes -= Int64(written - kept)
        if error == .fileTooLarge, configuration.rotation != nil, state.identity != nil {
            // The file has reached a size limit: the record will never fit. Rotate at the next
            // attempt and write the whole record into the new file.
            state.rotateBeforeNextWrite = true
            state.pendingTail = Array(bytes)
            state.pendingTailRecords = records
            state.writeBackoff.allowImmediateRetry()
        } else if written > 0 {
            // The record (or, in a file that is not cut back, the rest of it) is written before
            // anything else once the fault clears.
            state.pendingTail = Array(bytes[kept...])
            state.pendingTailRecords = records
        } else {
            counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
        }
        after.reports.append(.failed(.write, error))
        if error == .noSpace { after.diskFull = true }
    }
}
