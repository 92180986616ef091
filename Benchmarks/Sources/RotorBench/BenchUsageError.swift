/// A command line `rotor-bench` cannot run.
struct BenchUsageError: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }

    static let usage = """
        usage: rotor-bench [options]
          --sink file|rotating|async|per-level|syslog   sink under test (default rotating);
                                            per-level: RotorLoggingSystem.makePerLevelFiles
                                            (a LevelRouterSink), --api swift-log only
          --inner file|rotating             what --sink async wraps (default rotating)
          --formatter json|text             (default json)
          --api direct|swift-log|discard    DirectLogger, swift-log Logger + RotorLogHandler,
                                            or swift-log Logger + a no-op handler (default direct)
          --threads T                       producer threads on one sink (default 1)
          --records N                       timed records per thread (default 2000000)
          --warmup N                        untimed records per thread first (default 1000)
          --max-size BYTES                  size rotation limit (default 10485760)
          --gzip                            gzip archives (rotating sinks)
          --call-site                       JSON also writes source, file, function and line
                                            (default off: the standard record shape has none)
          --async-policy block|drop-newest|drop-oldest   (default block)
          --capacity N                      async queue capacity in records (default 16384)
          --queue-bytes N                   async queue bound in bytes (default 8388608)
          --buffer N                        file write buffer in bytes (default 0: write-through)
          --dir DIR                         where to write (default: a new temp dir)
          --keep-files                      leave the files (default: remove a temp dir)
          --verify                          parse every line: each (thread, user_id) once, in order
          --pause-samples                   also print every rotation pause (µs)
          --paired-discard                  --api swift-log, 1 thread: alternate chunks with a discarding
                                    handler in the same thread; adds paired_discard_ratio
          --paired-chunk N                  records per chunk of a paired run (default 20000)
          --syslog-url URL                  --sink syslog: unix:PATH, udp://HOST:PORT, tcp://HOST:PORT
          --syslog-peer PATH                --sink syslog: then run `PATH URL N` and report it alongside
        Prints one JSON line; exits 1 when the output does not verify.
        """
}
