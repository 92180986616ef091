import RotorCore
import RotorRotation
import Testing

@Suite struct SizeRotationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var bytes: Int64
        var incoming: Int
        var rotates: Bool
        var testDescription: String { "\(bytes) + \(incoming) -> \(rotates)" }
    }

    @Test(arguments: [
        Case(bytes: 0, incoming: 101, rotates: false),  // empty never rotates, oversize written alone
        Case(bytes: 0, incoming: 0, rotates: false),
        Case(bytes: 50, incoming: 50, rotates: false),  // fits exactly
        Case(bytes: 50, incoming: 51, rotates: true),
        Case(bytes: 99, incoming: 1, rotates: false),
        Case(bytes: 100, incoming: 0, rotates: false),
        Case(bytes: 100, incoming: 1, rotates: true),
        Case(bytes: 101, incoming: 1, rotates: true),  // after an oversize record
        Case(bytes: 1, incoming: 100, rotates: true),
        Case(bytes: Int64.max - 1, incoming: Int.max, rotates: true),  // overflow counts as too big
    ])
    func exactBoundariesForMaxBytes100(_ row: Case) throws {
        let strategy = try SizeRotation(maxBytes: 100)
        let file = ActiveFileState(bytes: row.bytes, periodStart: LogTimestamp(secondsSinceEpoch: 0))
        #expect(
            strategy.shouldRotate(file, incomingBytes: row.incoming, now: LogTimestamp(secondsSinceEpoch: 1))
                == row.rotates)
    }

    @Test func reportsItsLimitAndIgnoresTime() throws {
        let strategy = try SizeRotation(maxBytes: 4096)
        #expect(strategy.maximumFileBytes == 4096)
        #expect(strategy.maxBytes == 4096)
        #expect(strategy.deadline(forPeriodStartingAt: LogTimestamp(secondsSinceEpoch: 0)) == nil)
        #expect(!strategy.rotatesOnOpen)
        let file = ActiveFileState(bytes: 10, periodStart: LogTimestamp(secondsSinceEpoch: 0))
        #expect(
            !strategy.shouldRotate(file, incomingBytes: 10, now: LogTimestamp(secondsSinceEpoch: 10 * 365 * 86_400)))
    }

    @Test func oversizeRecordGoesAloneIntoAFileWithoutEmptyArchives() throws {
        var sink = SinkSimulator(
            strategy: try SizeRotation(maxBytes: 100), openedAt: LogTimestamp(secondsSinceEpoch: 0))
        let sizes = [40, 40, 500, 30, 70, 1, 100, 100]
        for (index, size) in sizes.enumerated() {
            sink.write(bytes: size, at: LogTimestamp(secondsSinceEpoch: Int64(index)))
        }
        // Files: [40, 40] [500] [30, 70] [1] [100] [100]: one rotation per record at most.
        #expect(sink.archives.map(\.count) == [2, 1, 2, 1, 1])
        #expect(sink.active.count == 1)
        #expect(sink.archives.allSatisfy { !$0.isEmpty })
    }

    @Test func configurationsCompareByLimit() throws {
        let a = try SizeRotation(maxBytes: 100)
        #expect(a == (try SizeRotation(maxBytes: 100)))
        #expect(a != (try SizeRotation(maxBytes: 101)))
        #expect(a.isEqual(to: try SizeRotation(maxBytes: 100)))
        #expect(!a.isEqual(to: NeverRotation()))
    }
}
