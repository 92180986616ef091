public import RotorCore

/// The domain of ``SyslogError``.
public enum SyslogErrorDomain: RotorErrorDomain {
    /// `syslog`.
    public static var name: String { "syslog" }
}

/// Errors thrown when a ``SyslogSink`` is set up: a destination URL that cannot be parsed or
/// resolved, an unknown facility, or a header field or bound out of range.
///
/// Nothing on the logging path throws: once the sink exists, undeliverable records are counted in
/// its ``SyslogSink/statistics`` and reported to its failure handler.
public typealias SyslogError = RotorError<SyslogErrorDomain>

extension RotorError.Code where Domain == SyslogErrorDomain {
    /// The destination URL has an unknown scheme, no path or host, a bad port, or a scheme that is
    /// not supported (`tls://`); ``/RotorCore/RotorError/message`` says which.
    public static var invalidDestination: Self { Self("invalidDestination") }
    /// The host name of a UDP or TCP destination did not resolve (`getaddrinfo(3)`);
    /// ``/RotorCore/RotorError/cause`` holds the resolver's message.
    public static var unresolvedHost: Self { Self("unresolvedHost") }
    /// A facility name or code that RFC 5424 does not define.
    public static var unknownFacility: Self { Self("unknownFacility") }
}
