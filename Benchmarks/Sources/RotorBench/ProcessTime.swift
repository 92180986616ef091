import Foundation

/// The CPU time this process has used, every thread together (`getrusage(RUSAGE_SELF)`): user
/// plus system time, in seconds.
///
/// On a shared machine the wall clock of a run counts the time other processes held the cores;
/// the CPU time of the timed phase counts only this run's own work (and its system calls), so it
/// compares builds more steadily under load.
enum ProcessTime {
    /// User plus system time.
    static var cpuSeconds: Double { let time = userAndSystem; return time.user + time.system }

    /// System time alone (the kernel's share: `write(2)` and the other system calls).
    static var systemSeconds: Double { userAndSystem.system }

    private static var userAndSystem: (user: Double, system: Double) {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return (0, 0) }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}
