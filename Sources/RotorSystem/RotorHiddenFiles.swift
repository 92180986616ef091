/// The names of the hidden files Rotor keeps beside an active log file, spelled in this one place.
///
/// For `app.log`:
/// - `.app.log.rotor-state`: the start of the active file's period (and its `.tmp` while written);
/// - `.app.log.rotor-next-<pid>-<n>`: a file prepared to become the next active file;
/// - `.app.log.rotor-lock`: the cross-process lock file (see ``CrossProcessLock``).
///
/// None of them is ever taken for an archive, and none is followed through a symbolic link.
package struct RotorHiddenFiles: Sendable, Hashable {
    /// The active file's name.
    package let base: String

    package init(base: String) { self.base = base }

    /// `.app.log.rotor-state`.
    package var state: String { ".\(base).rotor-state" }
    /// `.app.log.rotor-state.tmp`, the state file while it is rewritten.
    package var stateTemporary: String { state + ".tmp" }
    /// `.app.log.rotor-next-`, the prefix of prepared next files.
    package var preparedPrefix: String { ".\(base).rotor-next-" }
    /// `.app.log.rotor-lock`.
    package var lock: String { ".\(base).rotor-lock" }

    /// The name of the `serial`th file prepared by process `pid`.
    package func prepared(pid: Int32, serial: Int) -> String { "\(preparedPrefix)\(pid)-\(serial)" }
}
