public import RotorCore

/// The domain of ``SinkError``.
public enum SinkErrorDomain: RotorErrorDomain {
    public static var name: String { "sink" }
}

/// Errors thrown when a sink is set up: a bad path, a file that cannot be opened, or two
/// configurations of one path that disagree.
public typealias SinkError = RotorError<SinkErrorDomain>

extension RotorError.Code where Domain == SinkErrorDomain {
    /// The path is empty, contains a NUL byte, or has a component longer than the system allows.
    public static var invalidPath: Self { Self("invalidPath") }
    /// The path names a directory.
    public static var pathIsDirectory: Self { Self("pathIsDirectory") }
    /// The path names something that is neither a regular file nor a character device (a FIFO or a socket).
    public static var unsupportedFileType: Self { Self("unsupportedFileType") }
    /// The parent directory does not exist and the sink was not asked to create it.
    public static var directoryMissing: Self { Self("directoryMissing") }
    /// Opening or creating the file or its directories failed; ``/RotorCore/RotorError/cause`` holds the ``/RotorCore/SystemCallError``.
    public static var openFailed: Self { Self("openFailed") }
    /// Another sink already writes to the same file with different settings.
    public static var conflictingConfiguration: Self { Self("conflictingConfiguration") }
    /// The last component of the path is a symbolic link. Rotor never writes through a link at the
    /// file's own name (anyone who can write the directory could point it at any file the process
    /// may write); a link in the directory part of the path is resolved once, at open, and is fine.
    public static var pathIsSymbolicLink: Self { Self("pathIsSymbolicLink") }
    /// Another process already owns this rotating log (see ``RotationConfiguration/sharedAcrossProcesses``).
    /// The message names the path and, where the lock file records it, the owner's pid.
    public static var pathInUse: Self { Self("pathInUse") }
    /// Not thrown: the cause of the failure report made when a rotating file is opened with a torn
    /// last line (see ``/RotorCore/SinkStatistics/tornTailsRemoved``), which was cut off.
    public static var tornRecordRemoved: Self { Self("tornRecordRemoved") }
}
