import Foundation
import RotorRotation
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// "Trust in a hostile directory": a `rotor-stress` child against symbolic links planted at the
/// names Rotor writes (the active file, its archives, the lock and state files), a link swapped in
/// while it writes, and its directory removed while it writes. Everything is real: processes,
/// files, links, and for the unprivileged case a child running as `nobody`.
@Suite(.serialized) struct HostileDirectoryTests {
    static let victimContent = Data("root:x:0:0:root:/root:/bin/sh\nthe victim's bytes must never change\n".utf8)

    /// `dir/victims/passwd` with known bytes; returns its path.
    private func makeVictim(in dir: String) throws -> String {
        try FileManager.default.createDirectory(atPath: dir + "/victims", withIntermediateDirectories: false)
        let victim = dir + "/victims/passwd"
        try Self.victimContent.write(to: URL(fileURLWithPath: victim))
        return victim
    }

    private func expectVictimUntouched(
        _ victim: String, entries: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            FileManager.default.contents(atPath: victim) == Self.victimContent,
            "the victim file was changed", sourceLocation: sourceLocation)
        let directory = (victim as NSString).deletingLastPathComponent
        #expect(Hostile.entries(directory) == entries, "new files next to the victim", sourceLocation: sourceLocation)
    }

    // MARK: - A link at the active file's name

    enum LinkTarget: String, CaseIterable, CustomTestStringConvertible {
        /// The link leads to an existing file.
        case existingFile
        /// The link dangles: opening it with O_CREAT would create the target.
        case missingFile
        var testDescription: String { rawValue }
    }

    @Test(arguments: LinkTarget.allCases)
    func aLinkAtTheActivePathIsRefusedAndNothingIsWrittenThroughIt(target: LinkTarget) throws {
        try withTemporaryDirectory { dir in
            let victim = try makeVictim(in: dir)
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            let linkTarget = target == .existingFile ? victim : dir + "/victims/created-through-the-link"
            #expect(symlink(linkTarget, logs + "/app.log") == 0)

            let outcome = try StressBinary.run(
                ["--path", logs + "/app.log", "--records", "500", "--max-size", "4096", "--run-id", "1"])
            #expect(outcome.reason == .exit && outcome.status == 1, "\(outcome.standardOutput)\(outcome.standardError)")
            #expect(outcome.standardError.contains("pathIsSymbolicLink"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains(logs + "/app.log"), "\(outcome.standardError)")
            expectVictimUntouched(victim, entries: ["passwd"])
            #expect(Hostile.isSymbolicLink(logs + "/app.log"))
            // No state file, no archive, no prepared file beside the link (a lock file is harmless).
            let stray = Hostile.entries(logs).filter { $0 != "app.log" && $0 != ".app.log.rotor-lock" }
            #expect(stray.isEmpty, "\(stray)")
        }
    }

    /// The same as an unprivileged user, in a directory everyone may write (0777), with the victim
    /// owned by that user: permissions do not stop the write, only Rotor's refusal does.
    @Test(.enabled(if: Hostile.canDropPrivileges, "needs root and setpriv to run the child as nobody"))
    func anUnprivilegedChildRefusesALinkAtTheActivePath() throws {
        try withTemporaryDirectory { dir in
            #expect(chmod(dir, 0o755) == 0)
            let victim = try makeVictim(in: dir)
            #expect(chmod(dir + "/victims", 0o777) == 0)
            #expect(chown(victim, 65534, 65534) == 0)
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            #expect(chmod(logs, 0o777) == 0)
            #expect(symlink(victim, logs + "/app.log") == 0)

            let outcome = try Hostile.shell(
                "exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\" --path '\(logs)/app.log' "
                    + "--records 500 --max-size 4096 --run-id 1")
            #expect(outcome.reason == .exit && outcome.status == 1, "\(outcome.standardOutput)\(outcome.standardError)")
            #expect(outcome.standardError.contains("pathIsSymbolicLink"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains(logs + "/app.log"))
            expectVictimUntouched(victim, entries: ["passwd"])
            let stray = Hostile.entries(logs).filter { $0 != "app.log" && $0 != ".app.log.rotor-lock" }
            #expect(stray.isEmpty, "\(stray)")
        }
    }

    /// A link in the directory part of the path is resolved at open: the logs land in its target.
    @Test func aLinkInTheDirectoryPartOfThePathIsFollowed() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir + "/realdir", withIntermediateDirectories: false)
            #expect(symlink("realdir", dir + "/linkdir") == 0)
            let outcome = try StressBinary.run(
                [
                    "--path", dir + "/linkdir/app.log", "--threads", "2", "--records", "2000", "--max-size", "16384",
                    "--run-id", "1",
                ])
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            #expect(Hostile.isSymbolicLink(dir + "/linkdir"))
            var verifier = LogVerifier(directory: dir + "/realdir", maxFileBytes: 16_384)
            verifier.expectedStreams = [StreamKey(run: 1, thread: 0): 2_000, StreamKey(run: 1, thread: 1): 2_000]
            let report = try verifier.verify()
            #expect(report.isClean, "\(report)")
            #expect(report.files.count > 2, "expected rotations into realdir: \(report.files)")
            #expect(Hostile.entries(dir) == ["linkdir", "realdir"])
        }
    }

    // MARK: - Links at the hidden files' names

    @Test func aLinkAtTheLockFileNameIsRefused() throws {
        try withTemporaryDirectory { dir in
            let victim = try makeVictim(in: dir)
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            #expect(symlink(victim, logs + "/.app.log.rotor-lock") == 0)
            for shared in [false, true] {
                let outcome = try StressBinary.run(
                    ["--path", logs + "/app.log", "--records", "200", "--max-size", "4096", "--run-id", "1"]
                        + (shared ? ["--shared"] : []))
                #expect(outcome.reason == .exit && outcome.status == 1, "shared \(shared): \(outcome.standardError)")
                #expect(
                    outcome.standardError.contains("pathIsSymbolicLink"), "shared \(shared): \(outcome.standardError)")
                #expect(outcome.standardError.contains(logs + "/app.log"), "\(outcome.standardError)")
            }
            expectVictimUntouched(victim, entries: ["passwd"])
            #expect(Hostile.isSymbolicLink(logs + "/.app.log.rotor-lock"))
            #expect(Hostile.entries(logs) == [".app.log.rotor-lock"], "\(Hostile.entries(logs))")
        }
    }

    /// The state file is replaced by a rename, which replaces the link itself; its temporary name
    /// is a leftover that recovery removes (the link, never its target).
    @Test func linksAtTheStateFileNamesAreReplacedNotWrittenThrough() throws {
        try withTemporaryDirectory { dir in
            let victim = try makeVictim(in: dir)
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            #expect(symlink(victim, logs + "/.app.log.rotor-state") == 0)
            #expect(symlink(victim, logs + "/.app.log.rotor-state.tmp") == 0)
            let outcome = try StressBinary.run(
                ["--path", logs + "/app.log", "--records", "2000", "--max-size", "16384", "--run-id", "1"])
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            expectVictimUntouched(victim, entries: ["passwd"])
            #expect(!Hostile.isSymbolicLink(logs + "/.app.log.rotor-state"), "the state link is still there")
            #expect(FileManager.default.fileExists(atPath: logs + "/.app.log.rotor-state"))
            #expect(!Hostile.isSymbolicLink(logs + "/.app.log.rotor-state.tmp"))
            var verifier = LogVerifier(directory: logs, maxFileBytes: 16_384)
            verifier.expectedStreams = [StreamKey(run: 1, thread: 0): 2_000]
            let report = try verifier.verify()
            #expect(report.isClean, "\(report)")
        }
    }

    // MARK: - Links at archives' future names

    enum PlantedArchiveName: String, CaseIterable, CustomTestStringConvertible {
        /// `app.<ms>.001.log`: the archive's own name (the rotation must take the next sequence).
        case archive
        /// `app.<ms>.001.log.gz`: the compressed name (compression must leave it alone).
        case compressed
        /// `app.<ms>.001.log.gz.tmp`: compression's temporary name.
        case compressing
        var testDescription: String { rawValue }
    }

    /// A link at the name of every archive the next seconds could produce (one per millisecond),
    /// all to one victim: rotations, compression and retention run, the victim stays as it was.
    @Test(arguments: PlantedArchiveName.allCases)
    func linksAtFutureArchiveNamesAreNeverWrittenThrough(planted: PlantedArchiveName) throws {
        try withTemporaryDirectory { dir in
            let victim = try makeVictim(in: dir)
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            let naming = TimestampArchiveNaming()
            let suffix =
                switch planted {
                case .archive: ""
                case .compressed: ".gz"
                case .compressing: ".gz.tmp"
                }
            let start = Int64(Date().timeIntervalSince1970 * 1000) - 20
            // Under ThreadSanitizer the child runs several times slower: a wider window.
            // (8 s: a loaded 2-core machine once took 6 s for this run.)
            let window: Int64 = dlsym(nil, "__tsan_init") != nil ? 20_000 : 8_000
            var links: Set<String> = []
            for millisecond in start..<(start + window) {
                let name =
                    naming.archiveFileName(
                        for: ArchiveID(millisecondsSinceEpoch: millisecond, sequence: 1), base: "app.log") + suffix
                #expect(symlink(victim, logs + "/" + name) == 0)
                links.insert(name)
            }
            let gzip = planted != .archive
            let outcome = try StressBinary.run(
                ["--path", logs + "/app.log", "--records", "3000", "--max-size", "16384", "--run-id", "1"]
                    + (gzip ? ["--gzip"] : []))
            let finished = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            expectVictimUntouched(victim, entries: ["passwd"])

            let names = Hostile.entries(logs)
            let remainingLinks = names.filter { Hostile.isSymbolicLink(logs + "/" + $0) }
            #expect(
                Set(remainingLinks).isSubset(of: links), "links Rotor made? \(Set(remainingLinks).subtracting(links))")
            #expect(
                remainingLinks.count == links.count, "\(links.count - remainingLinks.count) planted links were removed")
            #expect(finished < start + window, "the run outlasted the planted window; collisions may be missed")

            // Evidence that the links were met, not avoided by luck.
            let archives = names.filter { !links.contains($0) }.compactMap {
                naming.parse(fileName: $0, base: "app.log")
            }
            #expect(archives.count >= 10, "\(names.filter { !links.contains($0) })")
            switch planted {
            case .archive:
                // Every rotation in the window met the link at sequence 1 and took a later one.
                let atOne = archives.filter { $0.id.sequence == 1 && $0.id.millisecondsSinceEpoch < start + window }
                #expect(atOne.isEmpty, "archives at a planted name: \(atOne.map(\.fileName))")
            case .compressed, .compressing:
                // Archives at sequence 1 could not be compressed (their compressed or temporary name
                // is a link): they stay plain; the others are compressed.
                let blocked = archives.filter { $0.id.sequence == 1 && $0.id.millisecondsSinceEpoch < start + window }
                #expect(!blocked.isEmpty)
                for archive in blocked { #expect(archive.state == .plain, "\(archive.fileName)") }
            }

            for link in remainingLinks { unlink(logs + "/" + link) }
            var verifier = LogVerifier(directory: logs, maxFileBytes: 16_384)
            verifier.expectedStreams = [StreamKey(run: 1, thread: 0): 3_000]
            let report = try verifier.verify()
            #expect(report.isClean, "\(report)")
        }
    }

    // MARK: - Changes while the child writes

    static let recordsPerThread = 100_000

    static let rotatingMaxSize = 100_000

    /// After a few rotations, with the active file's only name and at most ~150 records in it.
    static func earlyInAFile(_ active: String, logs: String) -> Bool {
        let size = Hostile.size(active)
        return size > 0 && size < 30_000 && Hostile.linkCount(active) == 1 && Hostile.entries(logs).count >= 6
    }

    enum SwapMoment: String, CaseIterable, CustomTestStringConvertible {
        case noRotation, betweenRotations
        var testDescription: String { rawValue }
    }

    /// The active file is deleted and a link to the victim put in its place while the child writes
    /// (it is stopped meanwhile, so the records already in the file are counted exactly): without
    /// rotation, and with size rotation (100 000 bytes, ~490 records a file), early in a file: the
    /// next rotation then comes before the next external-change check (every 1 000 records).
    @Test(arguments: SwapMoment.allCases)
    func aLinkSwappedInWhileWritingIsNeverWrittenThrough(moment: SwapMoment) throws {
        let rotating = moment != .noRotation
        try withTemporaryDirectory { dir in
            let victim = try makeVictim(in: dir)
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            let active = logs + "/app.log"
            let records = Self.recordsPerThread
            let child = try HostileChild(
                ["--path", active, "--threads", "1", "--records", "\(records)", "--run-id", "1"]
                    + (rotating ? ["--max-size", "\(Self.rotatingMaxSize)"] : []),
                outputIn: dir, name: "child")
            try #require(
                child.wait {
                    switch moment {
                    case .noRotation: Hostile.size(active) >= 400_000
                    case .betweenRotations: Self.earlyInAFile(active, logs: logs)
                    }
                },
                "the child ended before its file grew")
            try #require(child.stop(), "could not stop the child")
            let linksAtStop = Hostile.linkCount(active)
            let inFileAtRemoval = Hostile.newlineCount(active)
            #expect(unlink(active) == 0)
            #expect(symlink(victim, active) == 0)
            child.resume()
            let outcome = child.finish()

            #expect(outcome.reason == .exit, "\(outcome.standardError)")
            expectVictimUntouched(victim, entries: ["passwd"])
            #expect(Hostile.isSymbolicLink(active), "the link was replaced")
            let summary = try Hostile.summary(outcome)
            let written = Hostile.figure(summary, "records_written")
            let dropped = Hostile.figure(summary, "records_dropped")
            let detached = Hostile.figure(summary, "records_written_to_detached_file")
            #expect(written + dropped == records, "\(summary)")

            // Every regular file left in the directory (archives, and any hidden file the records
            // went to): each record at most once, none torn.
            let files = Hostile.entries(logs).filter {
                !Hostile.isSymbolicLink(logs + "/" + $0) && !$0.hasSuffix(".rotor-lock")
                    && !$0.hasSuffix(".rotor-state")
            }
            let (found, torn) = try Hostile.records(files, in: logs)
            #expect(torn == 0)
            var seen = Set<Int>()
            for (key, seq) in found {
                #expect(key == StreamKey(run: 1, thread: 0))
                #expect(seen.insert(seq).inserted, "seq \(seq) twice")
            }
            // Nothing written after the removal is unaccounted for: it is on disk, counted as
            // written to a detached file, or dropped. (Without rotation nothing is on disk.)
            // (Records of a file that still had its archive name are not lost with the active name.)
            let afterRemoval = records - (linksAtStop == 1 ? inFileAtRemoval : 0)
            #expect(
                seen.count + detached + dropped >= afterRemoval,
                "\(afterRemoval) records written after the removal; \(seen.count) on disk, \(detached) detached, \(dropped) dropped"
            )
            if !rotating {
                #expect(found.isEmpty, "\(files)")
                // The count settles from the last check that found the file in place (every 1 000 records).
                #expect(detached + dropped <= afterRemoval + 1_000, "\(summary)")
            }
            let largest = files.map { Hostile.size(logs + "/" + $0) }.max() ?? 0
            print(
                "link swapped in (\(moment), active file's links at stop: \(linksAtStop)): \(inFileAtRemoval) records in app.log at removal, "
                    + "\(afterRemoval) after; \(seen.count) on disk in \(files.count) files (largest \(largest) bytes), "
                    + "\(detached) counted detached, \(dropped) dropped; failures \(summary["failures_by_kind"] ?? "?")"
            )
        }
    }

    /// The cause isolated from the link: the active file is only deleted while the child writes
    /// with size rotation. The records written to the deleted file after the removal must be on
    /// disk (salvaged) or counted as written to a detached file, even when a rotation comes before
    /// the next external-change check.
    @Test func deletingTheActiveFileWhileRotatingAccountsForEveryLaterRecord() throws {
        try withTemporaryDirectory { dir in
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            let active = logs + "/app.log"
            let records = 50_000
            let child = try HostileChild(
                [
                    "--path", active, "--threads", "1", "--records", "\(records)", "--run-id", "1", "--max-size",
                    "\(Self.rotatingMaxSize)",
                ],
                outputIn: dir, name: "child")
            try #require(child.wait { Self.earlyInAFile(active, logs: logs) }, "the child ended before it rotated")
            try #require(child.stop(), "could not stop the child")
            // Not in the middle of a rotation's name switch when 1 (the active name is the file's only one).
            let linkCount = Hostile.linkCount(active)
            let inFileAtRemoval = Hostile.newlineCount(active)
            #expect(unlink(active) == 0)
            child.resume()
            let outcome = child.finish()
            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            let summary = try Hostile.summary(outcome)
            let detached = Hostile.figure(summary, "records_written_to_detached_file")
            let dropped = Hostile.figure(summary, "records_dropped")

            var verifier = LogVerifier(directory: logs)
            verifier.maxFileBytes = Int64(Self.rotatingMaxSize)
            let report = try verifier.verify()
            let onDisk = report.streams[StreamKey(run: 1, thread: 0)]?.records ?? 0
            let lost = records - onDisk
            // Records that were in the deleted file are gone (fine); any more must be counted.
            let missingUncounted = lost - detached - dropped - (linkCount == 1 ? inFileAtRemoval : 0)
            #expect(
                missingUncounted <= 0,
                Comment(
                    rawValue:
                        "\(lost) records missing, \(inFileAtRemoval) were in the file when it was deleted (links \(linkCount)), "
                        + "\(detached) counted detached, \(dropped) dropped: \(missingUncounted) lost without a trace; "
                        + "failures \(summary["failures_by_kind"] ?? "?"), reopenings \(summary["reopenings"] ?? "?")"))
            #expect(!report.problems.contains { if case .duplicate = $0 { true } else { false } }, "\(report)")
            #expect(report.tornLines.isEmpty, "\(report)")
        }
    }

    /// The log directory is moved away and deleted while the child writes: Rotor re-creates it
    /// (its parent exists; createDirectories is off) with the mode it had, and every record
    /// written after the removal is in the new file, once, in order, up to the last one.
    @Test func aDirectoryRemovedWhileWritingIsRecreatedAndLosesNothingAfterTheRemoval() throws {
        try withTemporaryDirectory { dir in
            let logs = dir + "/logs"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: false)
            #expect(chmod(logs, 0o750) == 0)
            let active = logs + "/app.log"
            let records = Self.recordsPerThread
            let child = try HostileChild(
                ["--path", active, "--threads", "1", "--records", "\(records)", "--run-id", "1"],
                outputIn: dir, name: "child")
            try #require(child.wait { Hostile.size(active) >= 400_000 }, "the child ended before its file grew")
            try #require(child.stop(), "could not stop the child")
            let inFileAtRemoval = Hostile.newlineCount(active)
            #expect(rename(logs, dir + "/gone") == 0)
            try FileManager.default.removeItem(atPath: dir + "/gone")
            child.resume()
            let outcome = child.finish()

            #expect(outcome.exitedCleanly, "\(outcome.standardError)")
            let summary = try Hostile.summary(outcome)
            #expect(Hostile.figure(summary, "records_written") == records)
            #expect(Hostile.figure(summary, "records_dropped") == 0)
            #expect(Hostile.figure(summary, "records_written_to_detached_file") == 0, "\(summary)")
            #expect(Hostile.figure(summary, "reopenings") >= 1, "\(summary)")

            var info = stat()
            try #require(stat(logs, &info) == 0, "the log directory was not re-created")
            #expect(info.st_mode & S_IFMT == S_IFDIR)
            #expect(info.st_mode & 0o7777 == 0o750, "re-created with mode \(String(info.st_mode & 0o7777, radix: 8))")
            let files = Hostile.entries(logs).filter { $0.hasPrefix("app") }
            #expect(files == ["app.log"])

            let (found, torn) = try Hostile.records(["app.log"], in: logs)
            #expect(torn == 0)
            #expect(found.allSatisfy { $0.0 == StreamKey(run: 1, thread: 0) })
            let seqs = found.map(\.1)
            let first = try #require(seqs.first)
            // One contiguous run, in order, ending at the last record: no duplicate, no gap.
            #expect(seqs == Array(first..<records), "first \(first), last \(seqs.last ?? -1), count \(seqs.count)")
            // Nothing written after the removal is missing; what was salvaged from before it goes
            // back at most to the last check that found the file in place (every 1 000 records).
            #expect(
                first <= inFileAtRemoval, "records \(inFileAtRemoval)..<\(first) written after the removal are lost")
            #expect(inFileAtRemoval - first <= 1_000)
            print(
                "directory removed: \(inFileAtRemoval) records in the file at removal; the new file starts at \(first)")
        }
    }
}
