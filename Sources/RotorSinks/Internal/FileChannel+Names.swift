@_spi(RotorInternals) import RotorCore
import RotorLibc
import RotorRotation
import RotorSystem

/// The channel's side of a rotation's name switch (see ``NameSwitch``): what needs the writers'
/// lock. Moving the writers out of a prepared file that lost its name, taking switched names into
/// the archive list, and finishing the names before `flush()`, `close()` or the next rotation.
extension FileChannel {
    /// Moves the writers out of a prepared file whose name is gone or leads to another file: its
    /// bytes are copied into a new prepared file, which takes its place (under the state lock,
    /// then ``names``); whatever has the old hidden name now is left alone. Returns
    /// `false` if that failed (the failure is recorded; the writers stay where they are).
    private func relocateLostPreparedFile(
        _ state: inout State, _ names: inout NamesState, now: LogTimestamp,
        after: inout Aftermath
    ) -> Bool {
        guard var pending = names.pending else { return true }
        // Buffered records go where the earlier ones are, and are copied with them.
        guard flushBuffer(&state, now: now, after: &after) else { return false }
        let fresh: PreparedFile
        switch createPreparedFile(in: pending.directory) {
        case .success(let created): fresh = created
        case .failure(let errno):
            _ = nameSwitch.failed(&names, pending, errno)
            return false
        }
        if case .failure(let errno) = POSIX.copyContents(of: state.active.descriptor, to: fresh.descriptor) {
            discard(fresh, in: pending.directory)
            _ = nameSwitch.failed(&names, pending, errno)
            return false
        }
        POSIX.closeDescriptor(state.active.descriptor)
        state.active.descriptor = fresh.descriptor
        state.active.identity = fresh.identity
        pending.preparedName = fresh.name
        pending.preparedIdentity = fresh.identity
        names.pending = pending
        // Reported as a failure of the rotation, recovered once the names are switched.
        names.failure = .noSuchFileOrDirectory
        names.failing = true
        return true
    }

    /// Moves switched names into the channel's archive list and their failures and recoveries
    /// into `after` (under the state lock, then ``names``).
    func collectNames(_ names: inout NamesState, into state: inout State, after: inout Aftermath) {
        if !names.completed.isEmpty {
            for entry in names.completed where state.lastArchiveID.map({ $0 < entry.name.id }) ?? true {
                state.lastArchiveID = entry.name.id
            }
            archivePipeline?.add(names.completed)
            names.completed.removeAll()
            after.archiveWork = archivePipeline?.hasWork == true
        }
        if names.fallbacks > 0 {
            let fallbacks = names.fallbacks
            counters.update { $0.zeroGapFallbacks += fallbacks }
            names.fallbacks = 0
        }
        if let errno = names.syncFailure {
            names.syncFailure = nil
            after.reports.append(.failed(.sync, errno))
        }
        if let errno = names.failure {
            names.failure = nil
            state.rotationBackoff.failed(at: retryClock.now())
            after.reports.append(.failed(.rotate, errno))
            after.retryNames = state.rotationBackoff.currentDelay
        }
        if names.recovered {
            names.recovered = false
            if state.rotationBackoff.isFailing { state.rotationBackoff.succeeded() }
            after.reports.append(.recovered(.rotate))
        }
    }

    /// Switches pending names now and takes in the result (under the state lock), first moving
    /// the writers out of a prepared file that lost its name. Returns `false` when the names are
    /// still pending.
    @discardableResult
    func finishNames(_ state: inout State, after: inout Aftermath) -> Bool {
        nameSwitch.withLock { names in
            var outcome = nameSwitch.complete(&names)
            if outcome == .preparedLost,
                relocateLostPreparedFile(&state, &names, now: readClock(), after: &after)
            {
                outcome = nameSwitch.complete(&names)
                if outcome == .preparedLost, let pending = names.pending {
                    // Lost again at once: try later rather than loop.
                    outcome = nameSwitch.failed(&names, pending, .noSuchFileOrDirectory)
                }
            }
            collectNames(&names, into: &state, after: &after)
            return outcome == .switched
        }
    }

    /// The background half of a rotation: switches the names without the state lock, so writers
    /// keep writing, then takes the result in under it (moving the writers out of a prepared file
    /// that lost its name, which needs the state lock).
    func completeNamesInBackground() {
        let outcome = nameSwitch.withLock { nameSwitch.complete(&$0) }
        var after = Aftermath()
        state.withLock { state in
            if outcome == .preparedLost {
                finishNames(&state, after: &after)
            } else {
                nameSwitch.withLock { collectNames(&$0, into: &state, after: &after) }
            }
        }
        finish(after)
    }
}
