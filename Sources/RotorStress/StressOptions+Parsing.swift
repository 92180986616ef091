extension StressOptions {
    /// Parses the arguments that follow the program name.
    ///
    /// Every flag takes its value as the next argument, except `--gzip`, `--shared` and
    /// `--reopen-on-hup`; each may appear once.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The options.
    /// - Throws: ``StressUsageError`` for an unknown, repeated or incomplete flag, a value that is
    ///   not a number or out of range, or a missing `--path`.
    static func parse(_ arguments: [String]) throws(StressUsageError) -> StressOptions {
        var values: [String: String] = [:]
        var switches: Set<String> = []
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            index += 1
            if switchFlags.contains(flag) {
                guard switches.insert(flag).inserted else { throw StressUsageError("\(flag) given twice") }
                continue
            }
            guard valueFlags.contains(flag) else { throw StressUsageError("unknown argument '\(flag)'") }
            guard values[flag] == nil else { throw StressUsageError("\(flag) given twice") }
            guard index < arguments.count else { throw StressUsageError("\(flag) needs a value") }
            values[flag] = arguments[index]
            index += 1
        }
        let syslog = values["--syslog"]
        if let syslog, syslog.isEmpty { throw StressUsageError("--syslog needs a URL") }
        let path = values["--path"] ?? ""
        guard !path.isEmpty || syslog != nil else {
            throw StressUsageError("--path FILE is required (or --syslog URL)")
        }
        var options = StressOptions(path: path)
        options.syslog = syslog
        options.gzip = switches.contains("--gzip")
        options.shared = switches.contains("--shared")
        options.reopenOnHangup = switches.contains("--reopen-on-hup")
        if let text = values["--rate"] { options.rate = try integer(text, flag: "--rate", in: 0...10_000_000) }
        if let text = values["--threads"] { options.threads = try integer(text, flag: "--threads", in: 1...4096) }
        if let text = values["--records"] { options.records = try integer(text, flag: "--records", in: 0...Int.max) }
        if let text = values["--run-id"] { options.runID = try integer(text, flag: "--run-id", in: 0...Int.max) }
        if let text = values["--max-size"] {
            options.maxSize = Int64(try integer(text, flag: "--max-size", in: 1...Int.max))
        }
        if let text = values["--interval"] {
            guard let seconds = Double(text), seconds.isFinite, seconds >= 1, seconds <= 1e9 else {
                throw StressUsageError("--interval needs a number of seconds from 1 to 1e9, got '\(text)'")
            }
            options.interval = seconds
        }
        if let text = values["--keep"] { options.keep = try integer(text, flag: "--keep", in: 1...Int.max) }
        if let text = values["--async"] {
            guard let policy = AsyncPolicy(rawValue: text) else {
                throw StressUsageError("--async needs block, drop-newest or drop-oldest, got '\(text)'")
            }
            options.asyncPolicy = policy
        }
        if let text = values["--pad"] { options.pad = try integer(text, flag: "--pad", in: 0...(1 << 24)) }
        if let text = values["--ack"] {
            guard !text.isEmpty else { throw StressUsageError("--ack needs a file name") }
            options.ackPath = text
        }
        if let text = values["--clock-offset"] {
            guard let seconds = Double(text), seconds.isFinite, seconds.magnitude <= 1e9 else {
                throw StressUsageError("--clock-offset needs a number of seconds from -1e9 to 1e9, got '\(text)'")
            }
            options.clockOffset = seconds
        }
        if let text = values["--flush-every"] {
            options.flushEvery = try integer(text, flag: "--flush-every", in: 0...Int.max)
        }
        return options
    }

    private static let switchFlags: Set<String> = ["--gzip", "--shared", "--reopen-on-hup"]

    private static let valueFlags: Set<String> = [
        "--path", "--threads", "--records", "--run-id", "--max-size", "--interval", "--keep", "--async", "--pad",
        "--ack", "--flush-every", "--rate", "--syslog", "--clock-offset",
    ]

    private static func integer(
        _ text: String, flag: String, in range: ClosedRange<Int>
    ) throws(StressUsageError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            let upper = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
            throw StressUsageError("\(flag) needs an integer from \(range.lowerBound)\(upper), got '\(text)'")
        }
        return value
    }
}
