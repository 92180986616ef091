/// The syslog message format a ``SyslogSink`` writes.
public enum SyslogMessageFormat: Sendable, Hashable {
    /// RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG`, with a UTC
    /// timestamp to the microsecond. The default; rsyslog, syslog-ng, Fluent Bit, Vector and the
    /// OpenTelemetry Collector's syslog receiver all parse it.
    case rfc5424
    /// RFC 3164 (the BSD format): `<PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG`, with the local
    /// time to the second and no year or zone, for old daemons. The whole message is limited to
    /// 1024 bytes by default, as RFC 3164 section 4.1 says; metadata, which the format has no field
    /// for, goes in front of the message as an RFC 5424 structured-data element.
    case rfc3164
}
