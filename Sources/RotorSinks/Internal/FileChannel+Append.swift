import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem

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
        guard rotates, state.active.identity != nil, let base = bytes.baseAddress
        else {
            return append(bytes, records: records, to: &state, after: &after)
        }
        let now = readClock()
        var simulated = state.active.status
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
                simulated = state.active.status
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

    /// Appends lines under the lock: the checks, then the buffer or a `write(2)`. `stamped` is
    /// the caller's reading of the channel's clock, if it has one (see ``write(_:records:at:)``).
    func append(
        _ bytes: UnsafeRawBufferPointer, records: Int, at stamped: LogTimestamp? = nil, to state: inout State,
        after: inout Aftermath
    ) {
        guard !state.isClosed else {
            counters.recordDropped(.closed, records: records, bytes: bytes.count)
            return
        }
        let now = stamped ?? readClock()
        if state.active.identity != nil {
            if state.watch.isDue(adding: records, now: now, recordLimit: externalChangeRecords) {
                checkForExternalChange(&state, now: now, after: &after)
            }
            if rotates {
                if strategy.shouldRotate(state.active.status, incomingBytes: bytes.count, now: now)
                    || passesFileSizeLimit(state.active.status, incomingBytes: bytes.count)
                {
                    rotateIfPossible(&state, now: now, after: &after)
                }
                if let maximumFileBytes, Int64(bytes.count) > maximumFileBytes {
                    counters.update { $0.oversizeRecords += 1 }
                }
            }
            if passesFileSizeLimit(state.active.status, incomingBytes: bytes.count, evenWhenEmpty: true) {
                return dropAtFileSizeLimit(&state, bytes: bytes.count, records: records, after: &after)
            }
            // Counted in the file they go to (a rotation above starts a new count).
            state.watch.recordWritten(records)
        }
        let wasFailing = state.active.writeBackoff.isFailing
        if wasFailing {
            guard state.active.writeBackoff.mayAttempt(at: retryClock.now()) else {
                counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
                return
            }
            if state.active.rotateBeforeNextWrite {
                rotate(&state, now: now, after: &after)
                guard state.active.status.bytes == 0 else {
                    state.active.writeBackoff.failed(at: retryClock.now())
                    counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
                    return
                }
                state.active.rotateBeforeNextWrite = false
            }
            guard finishPendingTail(&state, now: now, after: &after) else {
                counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
                return
            }
        }
        if bufferCapacity > 0 {
            if state.active.buffer.count + bytes.count > bufferCapacity,
                !flushBuffer(&state, now: now, after: &after)
            {
                counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
                return
            }
            if bytes.count < bufferCapacity {
                state.active.keepInBuffer(bytes, records: records, at: now)
                return
            }
        }
        let (written, error) = POSIX.writeAll(state.active.descriptor, bytes)
        state.active.status.bytes += Int64(written)
        guard let error else {
            counters.recordWritten(records: records, bytes: bytes.count)
            state.active.recordAccepted(records, at: now)
            if state.active.writeBackoff.isFailing || state.active.isDroppingAtSizeLimit {
                state.active.writeBackoff.succeeded()
                state.active.isDroppingAtSizeLimit = false
                after.reports.append(.recovered(.write))
            }
            return
        }
        state.active.writeBackoff.failed(at: retryClock.now())
        // No file keeps part of a record: what the failed write left is cut off again.
        let kept = written > 0 && cutBackPartialWrite(&state, written: written) ? 0 : written
        state.active.status.bytes -= Int64(written - kept)
        if error == .fileTooLarge, configuration.rotation != nil, state.active.identity != nil {
            // The file has reached a size limit: the record will never fit. Rotate at the next
            // attempt and write the whole record into the new file.
            state.active.rotateBeforeNextWrite = true
            state.active.holdBack(bytes, records: records)
            state.active.writeBackoff.allowImmediateRetry()
        } else if written > 0 {
            // The record (or, in a file that is not cut back, the rest of it) is written before
            // anything else once the fault clears.
            state.active.holdBack(bytes[kept...], records: records)
        } else {
            counters.recordDropped(.writeFailure, records: records, bytes: bytes.count)
        }
        after.reports.append(.failed(.write, error))
        if error == .noSpace { after.diskFull = true }
    }
}
