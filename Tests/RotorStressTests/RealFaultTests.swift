import Foundation
import RotorRotation
import RotorTestKit
import Testing

/// Real faults injected by the operating system into a `rotor-stress` child: a file-size limit
/// (`EFBIG`), a descriptor limit (`EMFILE`) and a directory it may not write (`EACCES`, as an
/// unprivileged user: root bypasses permissions). Skipped with a reason where a tool is missing.
@Suite struct RealFaultTests {
    private func shell(_ command: String) throws -> StressBinary.Outcome { try StressBinary.shell(command) }

    private func summary(_ outcome: StressBinary.Outcome) throws -> [String: Any] { try StressBinary.summary(outcome) }

    private static let hasPrlimit = FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")
    /// ThreadSanitizer's runtime dies with SIGBUS under a file-size limit (it writes through its own
    /// mappings), so the EFBIG test cannot run in a `--sanitize=thread` build.
    private static let underThreadSanitizer = dlsym(nil, "__tsan_init") != nil
    private static let canDropPrivileges =
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test(
        .enabled(if: hasPrlimit, "needs prlimit (util-linux)"),
        .disabled(if: underThreadSanitizer, "ThreadSanitizer's runtime cannot run under RLIMIT_FSIZE"))
    func aFileSizeLimitRotatesAndLosesNothing() throws {
        try withTemporaryDirectory { dir in
            // SIGXFSZ ignored (as the harness does), so write(2) returns EFBIG instead of killing.
            let outcome = try shell(
                "trap '' XFSZ; exec prlimit --fsize=100000 \"$0\" --path '\(dir)/app.log' --records 4000 --max-size 1000000 --run-id 1"
            )
            #expect(outcome.reason == .exit && outcome.status == 0, "\(outcome.standardError)")
            let figures = try summary(outcome)
            #expect(figures["records_written"] as? Int == 4_000)
            #expect(figures["records_dropped"] as? Int == 0)
            #expect((figures["rotations"] as? Int ?? 0) >= 7)
            var verifier = LogVerifier(directory: dir, maxFileBytes: 100_000)
            verifier.expectedStreams = [StreamKey(run: 1, thread: 0): 4_000]
            let report = try verifier.verify()
            #expect(report.problemCount == 0, "\(report)")
            // Each EFBIG leaves the cut line as the archive's torn last line; the record itself is
            // written whole into the next file.
            #expect(report.tornLines.count <= (figures["rotations"] as? Int ?? 0))
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasPrefix("app") {
                let size = try #require(
                    try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.size] as? Int)
                #expect(size <= 100_000)
            }
        }
    }

    @Test(.enabled(if: hasPrlimit, "needs prlimit (util-linux)"))
    func runningOutOfDescriptorsDefersRotationAndLosesNothing() throws {
        try withTemporaryDirectory { dir in
            // Six descriptors: standard streams, the log directory, the lock file and the active
            // file. The next file cannot be opened, so every rotation is deferred and the records
            // stay in the active file.
            let outcome = try shell(
                "SWIFT_BACKTRACE=enable=no exec prlimit --nofile=6 \"$0\" --path '\(dir)/app.log' --records 3000 --max-size 8192 --run-id 2"
            )
            #expect(outcome.reason == .exit && outcome.status == 0, "\(outcome.standardError)")
            let figures = try summary(outcome)
            #expect(figures["records_written"] as? Int == 3_000)
            #expect(figures["records_dropped"] as? Int == 0)
            #expect((figures["rotations_deferred"] as? Int ?? 0) > 0)
            // Each failed attempt to prepare the next file ahead is counted on its own.
            #expect((figures["next_file_preparation_failures"] as? Int ?? 0) > 0)
            #expect(outcome.standardError.contains("errno \(EMFILE)"))
            var verifier = LogVerifier(directory: dir)
            verifier.expectedStreams = [StreamKey(run: 2, thread: 0): 3_000]
            #expect(try verifier.verify().problemCount == 0)
        }
    }

    @Test(.enabled(if: canDropPrivileges, "needs root and setpriv to run the child as an unprivileged user"))
    func aDirectoryThatMayNotBeWrittenIsATypedErrorNamingThePath() throws {
        try withTemporaryDirectory { dir in
            // mkdtemp made `dir` 0700 and root-owned; the child runs as nobody.
            #expect(chmod(dir, 0o755) == 0)
            let outcome = try shell(
                "exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\" --path '\(dir)/app.log' --records 10")
            #expect(outcome.reason == .exit && outcome.status == 1)
            #expect(outcome.standardError.contains("openFailed"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains("\(dir)/app.log"))
            #expect(outcome.standardError.contains("errno \(EACCES)"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        }
    }
}
