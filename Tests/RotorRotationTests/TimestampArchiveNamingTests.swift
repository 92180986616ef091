import Foundation
import RotorCore
import RotorRotation
import RotorTestKit
import Testing

@Suite struct TimestampArchiveNamingTests {
    static let naming = TimestampArchiveNaming()
    static let id = ArchiveID(
        millisecondsSinceEpoch: instant("2026-11-21T14:30:22Z").secondsSinceEpoch * 1000 + 123, sequence: 1)
    static let stamp = "2026-11-21T14-30-22.123Z"

    struct Example: Sendable, CustomTestStringConvertible {
        var base: String
        var archive: String
        var testDescription: String { "\(base) -> \(archive)" }
    }

    @Test(arguments: [
        Example(base: "app.log", archive: "app.\(stamp).001.log"),
        Example(base: "my.app.log", archive: "my.app.\(stamp).001.log"),
        Example(base: "app", archive: "app.\(stamp).001"),
        Example(base: ".hidden", archive: ".hidden.\(stamp).001"),
        Example(base: ".hidden.log", archive: ".hidden.\(stamp).001.log"),
        Example(base: "app.", archive: "app..\(stamp).001"),
        Example(base: "журнал.log", archive: "журнал.\(stamp).001.log"),
    ])
    func namesArchivesAndParsesEveryState(_ example: Example) throws {
        #expect(Self.naming.archiveFileName(for: Self.id, base: example.base) == example.archive)
        for state in ArchiveFileState.allCases {
            let name = example.archive + state.fileNameSuffix
            #expect(Self.naming.fileName(for: Self.id, base: example.base, state: state) == name)
            let parsed = try #require(Self.naming.parse(fileName: name, base: example.base))
            #expect(parsed == ParsedArchiveName(id: Self.id, state: state, fileName: name))
        }
    }

    @Test func suffixesOfTheStates() {
        #expect(ArchiveFileState.plain.fileNameSuffix == "")
        #expect(ArchiveFileState.compressed.fileNameSuffix == ".gz")
        #expect(ArchiveFileState.compressing.fileNameSuffix == ".gz.tmp")
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).042.log.gz", base: "app.log")?.state == .compressed)
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).042.log.gz.tmp", base: "app.log")?.state == .compressing)
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).042.log.gz", base: "app.log")?.id.sequence == 42)
    }

    @Test func roundTripsRandomIDs() throws {
        var generator = SplitMix64(seed: 2026)
        let bases = ["app.log", "my.app.log", "app", ".hidden", "a.b.c", "app.gz"]
        let low = instant("0001-01-01T00:00:00Z").secondsSinceEpoch * 1000
        let high = instant("9999-12-31T23:59:59Z").secondsSinceEpoch * 1000 + 999
        var failures: [String] = []
        for _ in 0..<3_000 {
            let id = ArchiveID(
                millisecondsSinceEpoch: Int64.random(in: low...high, using: &generator),
                sequence: Int.random(in: 1...999, using: &generator)
            )
            let base = bases.randomElement(using: &generator)!
            let state = ArchiveFileState.allCases.randomElement(using: &generator)!
            let name = Self.naming.fileName(for: id, base: base, state: state)
            guard let parsed = Self.naming.parse(fileName: name, base: base) else {
                failures.append("rejected \(name)")
                continue
            }
            if parsed.id != id || parsed.state != state { failures.append("\(name) parsed as \(parsed)") }
            if Self.naming.archiveFileName(for: parsed.id, base: base) + parsed.state.fileNameSuffix != name {
                failures.append("\(name) does not round-trip")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func namesMatchFoundationsISO8601Rendering() {
        // An independent oracle for the civil-from-days arithmetic.
        var generator = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let seconds = Int64.random(in: -2_000_000_000...8_000_000_000, using: &generator)
            let id = ArchiveID(millisecondsSinceEpoch: seconds * 1000 + 7, sequence: 3)
            let iso = LogTimestamp(secondsSinceEpoch: seconds).date.formatted(.iso8601)  // 2026-11-21T14:30:22Z
            let expected = "x." + iso.dropLast().replacingOccurrences(of: ":", with: "-") + ".007Z.003"
            #expect(Self.naming.archiveFileName(for: id, base: "x") == expected)
        }
    }

    static let stampedPrefix = "app.\(stamp)"

    @Test(arguments: [
        "app.log", "app.log.1", "app.log.foo", "app.log.1.bak", "app.log.2026-13-45", "app.log.x.gz",
        "app.2026-13-45T00-00-00.000Z.001.log",  // month 13, day 45
        "app.2026-00-10T00-00-00.000Z.001.log",  // month 0
        "app.2026-02-30T00-00-00.000Z.001.log",  // no 30 February
        "app.2026-02-29T00-00-00.000Z.001.log",  // 2026 is not a leap year
        "app.1900-02-29T00-00-00.000Z.001.log",  // nor is 1900
        "app.2026-04-31T00-00-00.000Z.001.log",
        "app.2026-01-00T00-00-00.000Z.001.log",
        "app.2026-11-21T24-00-00.000Z.001.log", "app.2026-11-21T14-60-00.000Z.001.log",
        "app.2026-11-21T14-30-60.000Z.001.log",
        "app.2026-11-21T14-30-22.12Z.001.log", "app.2026-11-21T14-30-22.1234Z.001.log",
        "app.2026-11-21T14-30-22.123.001.log", "app.2026-11-21t14-30-22.123Z.001.log",
        "app.2026-11-21T14:30:22.123Z.001.log", "app.+026-11-21T14-30-22.123Z.001.log",
        "app.x.\(stamp).001.log", "app..\(stamp).001.log", "App.\(stamp).001.log", "app\(stamp).001.log",
        "\(stampedPrefix).001.log.bak", "\(stampedPrefix).001.log.gz.old", "\(stampedPrefix).001.log.tmp",
        "\(stampedPrefix).001.log.gz.tmp.gz", "\(stampedPrefix).001.log.GZ", "\(stampedPrefix).001.logx",
        "\(stampedPrefix).001.txt", "\(stampedPrefix).001", "\(stampedPrefix).001.gz",
        "\(stampedPrefix).1.log", "\(stampedPrefix).01.log", "\(stampedPrefix).0001.log", "\(stampedPrefix).000.log",
        "\(stampedPrefix).-01.log", "\(stampedPrefix).00a.log", "\(stampedPrefix)..001.log",
        "\(stampedPrefix).001..log",
        "\(stampedPrefix)001.log", "\(stampedPrefix).log", " app.\(stamp).001.log", "",
    ])
    func rejectsLookAlikesForAppLog(_ name: String) {
        #expect(Self.naming.parse(fileName: name, base: "app.log") == nil)
    }

    @Test func otherBasesArchivesAreNotOurs() {
        let ofAB = "a.b.\(Self.stamp).001.log"  // archive of a.b.log
        let ofA = "a.\(Self.stamp).001.log"  // archive of a.log
        #expect(Self.naming.parse(fileName: ofAB, base: "a.log") == nil)
        #expect(Self.naming.parse(fileName: ofA, base: "a.b.log") == nil)
        #expect(Self.naming.parse(fileName: ofAB, base: "a.b.log") != nil)
        #expect(Self.naming.parse(fileName: ofA, base: "a.log") != nil)
        // With and without an extension.
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).001.log", base: "app") == nil)
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).001", base: "app.log") == nil)
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).001.gz", base: "app")?.state == .compressed)
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).001.gz", base: "app.gz")?.state == .plain)
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).001.gz.gz", base: "app.gz")?.state == .compressed)
        #expect(Self.naming.parse(fileName: "app.\(Self.stamp).001.log", base: "app.txt") == nil)
    }

    @Test func acceptsLeapDaysAndTheEdgesOfTheClock() {
        for name in [
            "app.2028-02-29T00-00-00.000Z.001.log", "app.2000-02-29T23-59-59.999Z.999.log",
            "app.1970-01-01T00-00-00.000Z.001.log", "app.0000-01-01T00-00-00.000Z.001.log",
            "app.9999-12-31T23-59-59.999Z.999.log", "app.1969-12-31T23-59-59.999Z.001.log",
        ] {
            let parsed = Self.naming.parse(fileName: name, base: "app.log")
            #expect(parsed != nil, "\(name)")
            if let parsed { #expect(Self.naming.archiveFileName(for: parsed.id, base: "app.log") == name) }
        }
        #expect(
            Self.naming.parse(fileName: "app.1970-01-01T00-00-00.000Z.001.log", base: "app.log")?.id
                .millisecondsSinceEpoch == 0)
        #expect(
            Self.naming.parse(fileName: "app.1969-12-31T23-59-59.999Z.001.log", base: "app.log")?.id
                .millisecondsSinceEpoch == -1)
    }

    @Test func namingSchemesCompareByType() {
        struct Other: ArchiveNaming, Equatable {
            func archiveFileName(for id: ArchiveID, base: String) -> String { base + ".\(id.sequence)" }
            func parse(fileName: String, base: String) -> ParsedArchiveName? { nil }
        }
        #expect(Self.naming.isEqual(to: TimestampArchiveNaming()))
        #expect(!Self.naming.isEqual(to: Other()))
        #expect(Other().isEqual(to: Other()))
    }
}
