import Testing

@testable import rotor

@Suite struct ValueParsingTests {
    @Test func rfc3339TimestampsAreInstants() throws {
        let utc = try #require(RFC3339.parse("2026-11-21T14:30:22.123456789Z"))
        #expect(utc == Instant(seconds: 1_795_269_600 + 30 * 60 + 22, nanoseconds: 123_456_789))
        #expect(RFC3339.parse("2026-11-21T15:30:22.123456789+01:00") == utc)
        #expect(RFC3339.parse("2026-11-21t14:30:22.1234567891234z") == utc)
        #expect(RFC3339.parse("2026-11-21 09:00:22.123456789-05:30")?.seconds == utc.seconds)
        #expect(RFC3339.parse("1969-12-31T23:59:59.5Z") == Instant(seconds: -1, nanoseconds: 500_000_000))
        #expect(RFC3339.parse("2024-02-29T00:00:00Z") != nil)
        for bad in [
            "2026-11-21", "2026-02-29T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T14:30:22",
            "2026-11-21T14:30:22.Z",
            "2026-11-21T14:30:22+0100", "2026-13-01T00:00:00Z", "26-11-21T14:30:22Z", "2026-11-21T14:30:22Zx",
        ] {
            #expect(RFC3339.parse(bad) == nil, "\(bad)")
        }
        #expect(RFC3339.parse("2026-11-21", dateOnly: true) == Instant(seconds: 1_795_219_200))
        #expect(RFC3339.format(utc) == "2026-11-21T14:30:22.123Z")
        #expect(RFC3339.format(Instant(seconds: -1, nanoseconds: 500_000_000)) == "1969-12-31T23:59:59.500Z")
    }

    @Test func durationsAndSizes() throws {
        #expect(try ArgumentParsing.duration("45s") == .seconds(45))
        #expect(try ArgumentParsing.duration("30m") == .seconds(1_800))
        #expect(try ArgumentParsing.duration("12h") == .seconds(43_200))
        #expect(try ArgumentParsing.duration("7d") == .seconds(604_800))
        #expect(try ArgumentParsing.duration("2w") == .seconds(1_209_600))
        for bad in ["7", "d", "0d", "-1d", "1.5h", "7days", "", "99999999999999999d"] {
            #expect(throws: (any Error).self, "\(bad)") { _ = try ArgumentParsing.duration(bad) }
        }
        #expect(try ArgumentParsing.byteCount("1GiB") == 1 << 30)
        #expect(try ArgumentParsing.byteCount("500MiB") == 500 << 20)
        #expect(try ArgumentParsing.byteCount("10KiB") == 10_240)
        #expect(try ArgumentParsing.byteCount("10k") == 10_240)
        #expect(try ArgumentParsing.byteCount("123") == 123)
        #expect(try ArgumentParsing.byteCount("123B") == 123)
        for bad in ["0", "GiB", "1.5GiB", "-1", "1 GiB", "1XiB", "99999999999TiB"] {
            #expect(throws: (any Error).self, "\(bad)") { _ = try ArgumentParsing.byteCount(bad) }
        }
    }

    @Test func archiveNamesLeadBackToTheirBase() {
        #expect(ArchiveNames.base(ofArchive: "app.2026-11-21T14-30-22.123Z.001.log") == "app.log")
        #expect(ArchiveNames.base(ofArchive: "my.app.2026-11-21T14-30-22.123Z.001.log.gz") == "my.app.log")
        #expect(ArchiveNames.base(ofArchive: "app.2026-11-21T14-30-22.123Z.001.gz.tmp") == "app")
        #expect(ArchiveNames.base(ofArchive: "app.log.1") == nil)
        #expect(ArchiveNames.base(ofArchive: "app.2026-11-21T14-30-22.123Z.001.log.bak") == nil)
        #expect(ArchiveNames.stem(of: "app.log") == "app")
        #expect(ArchiveNames.stem(of: ".hidden") == ".hidden")
    }

    @Test func lineSplitterHandlesChunkBoundariesAndOversizeLines() {
        var splitter = LineSplitter(maxLineBytes: 8)
        var lines: [String] = []
        let record = { (line: Line) in
            lines.append(
                line.isOversize
                    ? "<oversize \(line.number)>"
                    : String(decoding: line.bytes, as: UTF8.self) + (line.isTerminated ? "" : "…"))
        }
        for chunk in ["ab", "c\nde\n\nfghij", "klmnop\nq", "r"] {
            Array(chunk.utf8).withUnsafeBytes { splitter.feed($0, record) }
        }
        splitter.finish(record)
        #expect(lines == ["abc", "de", "", "<oversize 4>", "qr…"])
    }
}
