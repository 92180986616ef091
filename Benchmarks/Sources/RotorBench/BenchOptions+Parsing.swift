extension BenchOptions {
    /// Parses the arguments after the program name.
    ///
    /// - Throws: ``BenchUsageError`` for an unknown flag, a missing or invalid value, or `--help`.
    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var remaining = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = remaining.popFirst() else { throw BenchUsageError("\(flag) needs a value") }
            return next
        }
        func choice<Choice: RawRepresentable & CaseIterable>(_ flag: String, _: Choice.Type) throws -> Choice
        where Choice.RawValue == String {
            let raw = try value(flag)
            guard let parsed = Choice(rawValue: raw) else {
                let allowed = Choice.allCases.map(\.rawValue).joined(separator: "|")
                throw BenchUsageError("\(flag) must be one of \(allowed), got \(raw)")
            }
            return parsed
        }
        func count(_ flag: String, minimum: Int) throws -> Int {
            let raw = try value(flag)
            guard let parsed = Int(raw.filter { $0 != "_" }), parsed >= minimum else {
                throw BenchUsageError("\(flag) must be an integer >= \(minimum), got \(raw)")
            }
            return parsed
        }
        while let flag = remaining.popFirst() {
            switch flag {
            case "--sink": options.sink = try choice(flag, SinkKind.self)
            case "--inner": options.inner = try choice(flag, InnerSinkKind.self)
            case "--formatter": options.formatter = try choice(flag, FormatterKind.self)
            case "--api": options.api = try choice(flag, API.self)
            case "--threads": options.threads = try count(flag, minimum: 1)
            case "--records": options.records = try count(flag, minimum: 1)
            case "--warmup": options.warmup = try count(flag, minimum: 0)
            case "--max-size": options.maxSize = Int64(try count(flag, minimum: 1))
            case "--gzip": options.gzip = true
            case "--call-site": options.callSite = true
            case "--async-policy": options.asyncPolicy = try choice(flag, AsyncPolicy.self)
            case "--capacity": options.capacity = try count(flag, minimum: 1)
            case "--queue-bytes": options.queueBytes = try count(flag, minimum: 1)
            case "--buffer": options.buffer = try count(flag, minimum: 0)
            case "--dir": options.directory = try value(flag)
            case "--keep-files": options.keepFiles = true
            case "--verify": options.verify = true
            case "--pause-samples": options.pauseSamples = true
            case "--paired-discard": options.pairedDiscard = true
            case "--paired-chunk": options.pairedChunk = try count(flag, minimum: 1)
            case "--syslog-url": options.syslogURL = try value(flag)
            case "--syslog-peer": options.syslogPeer = try value(flag)
            case "--help", "-h": throw BenchUsageError(BenchUsageError.usage)
            default: throw BenchUsageError("unknown option \(flag)\n\(BenchUsageError.usage)")
            }
        }
        if options.sink == .perLevel && options.api != .swiftLog {
            throw BenchUsageError("--sink per-level takes --api swift-log (a level router has no direct API)")
        }
        if options.pairedDiscard && (options.api != .swiftLog || options.threads != 1) {
            throw BenchUsageError("--paired-discard takes --api swift-log and one thread")
        }
        return options
    }
}
