import RotorCore

/// The facility of a syslog message (RFC 5424 section 6.2.1): which part of the system it comes
/// from. Together with the ``SyslogSeverity`` it makes the message's PRI value.
///
/// ```swift
/// let facility = try SyslogFacility(name: "local3")   // or SyslogFacility.local3
/// ```
public struct SyslogFacility: Sendable, Hashable, CustomStringConvertible {
    /// The numeric code, `0...23`.
    public let code: Int

    /// The names rsyslog and `logger(1)` accept, by code.
    static let names = [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5",
        "local6", "local7",
    ]

    private init(unchecked code: Int) { self.code = code }

    /// The facility with numeric `code`.
    ///
    /// - Throws: ``SyslogError`` `.unknownFacility` unless `code` is in `0...23`.
    public init(code: Int) throws {
        guard Self.names.indices.contains(code) else {
            throw SyslogError(.unknownFacility, "facility codes are 0...23, got \(code)", field: "facility")
        }
        self.code = code
    }

    /// The facility called `name`, as `logger(1)` spells it (`user`, `daemon`, `local0`…`local7`,
    /// case-insensitive); `audit`, `alert`, `clock` and `cron2` are accepted for codes 13 to 15.
    ///
    /// - Throws: ``SyslogError`` `.unknownFacility` for any other name.
    public init(name: String) throws {
        let lowered = name.lowercased()
        let aliases = ["audit": 13, "alert": 14, "clock": 15, "cron2": 15, "solariscron": 15, "security2": 13]
        if let code = Self.names.firstIndex(of: lowered) ?? aliases[lowered] {
            self.code = code
        } else {
            throw SyslogError(
                .unknownFacility, "unknown facility '\(name)'; known: \(Self.names.joined(separator: ", "))",
                field: "facility")
        }
    }

    /// The facility's name, for example `local0`.
    public var description: String { Self.names[code] }

    /// Kernel messages (0).
    public static var kernel: Self { Self(unchecked: 0) }
    /// User-level messages (1), the default.
    public static var user: Self { Self(unchecked: 1) }
    /// The mail system (2).
    public static var mail: Self { Self(unchecked: 2) }
    /// System daemons (3).
    public static var daemon: Self { Self(unchecked: 3) }
    /// Security and authorisation messages (4).
    public static var auth: Self { Self(unchecked: 4) }
    /// Messages the syslog daemon makes itself (5).
    public static var syslog: Self { Self(unchecked: 5) }
    /// Private security and authorisation messages (10).
    public static var authpriv: Self { Self(unchecked: 10) }
    /// Local use 0 (16).
    public static var local0: Self { Self(unchecked: 16) }
    /// Local use 1 (17).
    public static var local1: Self { Self(unchecked: 17) }
    /// Local use 2 (18).
    public static var local2: Self { Self(unchecked: 18) }
    /// Local use 3 (19).
    public static var local3: Self { Self(unchecked: 19) }
    /// Local use 4 (20).
    public static var local4: Self { Self(unchecked: 20) }
    /// Local use 5 (21).
    public static var local5: Self { Self(unchecked: 21) }
    /// Local use 6 (22).
    public static var local6: Self { Self(unchecked: 22) }
    /// Local use 7 (23).
    public static var local7: Self { Self(unchecked: 23) }
}
