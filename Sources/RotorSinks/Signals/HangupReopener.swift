import Dispatch
import Foundation
@_spi(RotorInternals) import RotorCore
import RotorLibc
import Synchronization

/// The write end of the running reopener's wake-up pipe, or -1: the only thing the signal
/// handler reads (an atomic load and a `write(2)`, both async-signal-safe).
private let hangupPipe = Atomic<Int32>(-1)

private func forwardHangup(_ signal: Int32) {
    let fd = hangupPipe.load(ordering: .acquiring)
    guard fd >= 0 else { return }
    let saved = errno
    var byte: UInt8 = 1
    _ = write(fd, &byte, 1)
    errno = saved
}

/// Reopens sinks on `SIGHUP`, on a thread of its own; made by ``RotorSignals/reopenOnHangup(_:)``.
///
/// One may run per process. ``cancel()`` (or the last reference going away) restores the
/// disposition `SIGHUP` had before, and stops the thread.
public final class HangupReopener: Sendable {
    private struct Pipes: Sendable {
        var wakeRead: Int32
        var wakeWrite: Int32
        var stopRead: Int32
        var stopWrite: Int32
    }

    private let pipes: Pipes
    /// The disposition `SIGHUP` had before; restored by ``cancel()``.
    private let previous: Mutex<sigaction?>
    private let stopped = DispatchSemaphore(value: 0)
    private let reopenings = Locked(0)

    /// How many times the sinks were reopened after a `SIGHUP` (a burst of signals that arrives
    /// while a reopen runs counts once).
    public var reopenCount: Int { reopenings.withLock { $0 } }

    init(sinks: [any ReopenableSink]) throws {
        var fds: [Int32] = [-1, -1, -1, -1]
        guard pipe(&fds[0]) == 0 else {
            throw SinkError(
                .openFailed, "cannot make the pipe SIGHUP is forwarded through", cause: SystemCallError.current)
        }
        guard pipe(&fds[2]) == 0 else {
            let error = SystemCallError.current
            close(fds[0])
            close(fds[1])
            throw SinkError(.openFailed, "cannot make the pipe SIGHUP is forwarded through", cause: error)
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        let pipes = Pipes(wakeRead: fds[0], wakeWrite: fds[1], stopRead: fds[2], stopWrite: fds[3])
        guard
            hangupPipe.compareExchange(expected: -1, desired: pipes.wakeWrite, ordering: .acquiringAndReleasing)
                .exchanged
        else {
            for fd in fds { close(fd) }
            throw SinkError(
                .invalidConfiguration, "a SIGHUP reopener is already running in this process; cancel it first",
                field: "sinks")
        }
        self.pipes = pipes
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = forwardHangup
        #else
        action.__sigaction_handler.sa_handler = forwardHangup
        #endif
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        var old = sigaction()
        sigaction(SIGHUP, &action, &old)
        self.previous = Mutex(old)
        let stopped = self.stopped
        let reopenings = self.reopenings
        let thread = Thread {
            Self.run(pipes, sinks: sinks, reopenings: reopenings)
            stopped.signal()
        }
        thread.name = "rotor.sighup"
        thread.stackSize = 256 * 1024
        thread.start()
    }

    deinit { cancel() }

    /// Restores the disposition `SIGHUP` had before, and stops the thread (waiting for a reopen in
    /// progress to finish). Calling it twice is harmless.
    public func cancel() {
        guard
            let old = previous.withLock({ previous -> sigaction? in
                defer { previous = nil }
                return previous
            })
        else { return }
        var restored = old
        sigaction(SIGHUP, &restored, nil)
        hangupPipe.store(-1, ordering: .releasing)
        var byte: UInt8 = 1
        _ = write(pipes.stopWrite, &byte, 1)
        stopped.wait()
        for fd in [pipes.wakeRead, pipes.wakeWrite, pipes.stopRead, pipes.stopWrite] { close(fd) }
    }

    /// The thread: wait for a byte on either pipe; a hangup reopens every sink, a stop ends.
    private static func run(_ pipes: Pipes, sinks: [any ReopenableSink], reopenings: Locked<Int>) {
        // This thread takes SIGHUP even where every other thread blocks it (a mask inherited
        // from a parent, or a program that waits for signals with sigwait elsewhere).
        var hangup = sigset_t()
        sigemptyset(&hangup)
        sigaddset(&hangup, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &hangup, nil)
        var polled = [
            pollfd(fd: pipes.wakeRead, events: Int16(POLLIN), revents: 0),
            pollfd(fd: pipes.stopRead, events: Int16(POLLIN), revents: 0),
        ]
        var scratch = [UInt8](repeating: 0, count: 64)
        while true {
            polled[0].revents = 0
            polled[1].revents = 0
            let ready = poll(&polled, 2, -1)
            if ready < 0 { continue }  // EINTR
            if polled[1].revents != 0 { return }
            guard polled[0].revents != 0 else { continue }
            // Several signals in a row need one reopen: drain them all first.
            while scratch.withUnsafeMutableBytes({ read(pipes.wakeRead, $0.baseAddress, $0.count) }) > 0 {}
            for sink in sinks { sink.reopen() }
            reopenings.withLock { $0 += 1 }
        }
    }
}
