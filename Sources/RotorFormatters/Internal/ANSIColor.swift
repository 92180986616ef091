import Logging

/// SGR escape sequences for ``TextFormatter``'s coloured levels.
enum ANSIColor {
    static let reset: [UInt8] = sequence("0")
    private static let trace = sequence("90")
    private static let debug = sequence("36")
    private static let info = sequence("32")
    private static let notice = sequence("34")
    private static let warning = sequence("33")
    private static let error = sequence("31")
    private static let critical = sequence("1;31")

    /// The sequence that starts `level`'s colour.
    static func start(for level: Logger.Level) -> [UInt8] {
        switch level {
        case .trace: trace
        case .debug: debug
        case .info: info
        case .notice: notice
        case .warning: warning
        case .error: error
        case .critical: critical
        }
    }

    private static func sequence(_ parameters: String) -> [UInt8] {
        [0x1B, UInt8(ascii: "[")] + Array(parameters.utf8) + [UInt8(ascii: "m")]
    }
}
