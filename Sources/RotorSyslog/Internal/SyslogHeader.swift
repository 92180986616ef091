import Foundation
import RotorCore
import RotorLibc

/// The header fields of every message, checked and encoded once when the sink is made.
struct SyslogHeader: Sendable {
    /// `HOSTNAME`, or `-`.
    let hostname: [UInt8]
    /// `APP-NAME` (RFC 5424) or `TAG` (RFC 3164).
    let appName: [UInt8]
    /// `PROCID`, or `-`.
    let procID: [UInt8]
    /// `MSGID`, or `-`.
    let msgID: [UInt8]
    /// The SD-ID of the metadata element.
    let structuredDataID: [UInt8]

    /// Checks the configured fields, filling in the defaults.
    ///
    /// - Throws: ``SyslogError`` `.invalidConfiguration` naming the field that is empty, too long or
    ///   holds a character the RFC forbids.
    init(_ configuration: SyslogSinkConfiguration) throws {
        let legacy = configuration.format == .rfc3164
        hostname = try Self.field(
            "hostname", configuration.hostname, default: Self.systemHostname(), maximum: 255)
        appName = try Self.field(
            "appName", configuration.appName, default: Self.processName(legacy: legacy), maximum: legacy ? 32 : 48,
            legacyTag: legacy)
        procID = try Self.field("procID", configuration.procID, default: String(getpid()), maximum: 128)
        msgID = try Self.field("msgID", configuration.msgID, default: "-", maximum: 32)
        let id = configuration.structuredDataID
        guard !id.isEmpty, id.utf8.count <= StructuredDataWriter.maximumNameLength,
            id.utf8.allSatisfy(StructuredDataWriter.isNameByte)
        else {
            throw SyslogError(
                .invalidConfiguration,
                "the SD-ID '\(id)' must be 1 to 32 printable ASCII characters without '=', ' ', ']' or '\"'",
                field: "structuredDataID")
        }
        structuredDataID = Array(id.utf8)
    }

    /// A field as bytes: the given value checked (an error if bad), or the default cleaned.
    private static func field(
        _ name: String, _ value: String?, default fallback: String, maximum: Int, legacyTag: Bool = false
    ) throws -> [UInt8] {
        func allowed(_ byte: UInt8) -> Bool { legacyTag ? isTagByte(byte) : isPrintable(byte) }
        if let value {
            let rule = legacyTag ? "letters, digits, '-', '_' and '.'" : "printable ASCII characters without spaces"
            guard !value.isEmpty, value.utf8.count <= maximum, value.utf8.allSatisfy(allowed) else {
                throw SyslogError(
                    .invalidConfiguration, "\(name) '\(value)' must be 1 to \(maximum) \(rule)", field: name)
            }
            return Array(value.utf8)
        }
        let cleaned = fallback.utf8.prefix(maximum).map { allowed($0) ? $0 : UInt8(ascii: "_") }
        return cleaned.isEmpty ? [UInt8(ascii: "-")] : cleaned
    }

    /// Whether `byte` is printable US-ASCII other than a space (PRINTUSASCII, RFC 5424).
    private static func isPrintable(_ byte: UInt8) -> Bool { byte > 32 && byte < 127 }

    /// Whether `byte` may appear in an RFC 3164 TAG here: a letter, a digit, `-`, `_` or `.`.
    private static func isTagByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"):
            return true
        default:
            return byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    private static func systemHostname() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "-" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func processName(legacy: Bool) -> String {
        let name = ProcessInfo.processInfo.processName
        return name.isEmpty ? "swift" : name
    }
}
