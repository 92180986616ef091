import RotorLibc
import Synchronization

/// Turns `SIGINT` and `SIGTERM` into a flag that long-running loops (`tail -f`) poll, so that they
/// flush their output and exit with status 0.
enum SignalTrap {
    private static let stop = Atomic<Bool>(false)

    /// Whether `SIGINT` or `SIGTERM` has arrived since ``install()``.
    static var stopRequested: Bool { stop.load(ordering: .relaxed) }

    /// Installs the handlers (without `SA_RESTART`, so a sleep is cut short) and unblocks the two
    /// signals, which a parent may have left blocked in the mask the process inherited (Foundation's
    /// `Process` does).
    static func install() {
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = { _ in SignalTrap.stop.store(true, ordering: .relaxed) }
        #else
        action.__sigaction_handler.sa_handler = { _ in SignalTrap.stop.store(true, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Sleeps for `duration`, returning early when a signal arrives.
    static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        _ = nanosleep(&request, nil)
    }
}
