import Foundation
import RotorCore
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

@Suite struct RotatingFileSinkSizeTests {
    @Test func rotatesExactlyWhenCurrentPlusIncomingExceedsTheMaximum() throws {
        try withTemporaryDirectory { dir in
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 100))
            sink.log(recordOfSize(50))
            sink.log(recordOfSize(50))  // 100 bytes: fits exactly
            #expect(try archiveNames(in: dir).isEmpty)
            sink.log(recordOfSize(6))  // 100 + 6 > 100: rotate first
            sink.log(recordOfSize(94))  // 6 + 94 = 100: fits
            sink.log(recordOfSize(6))  // rotate again
            sink.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 2)
            #expect(try archives.map { try fileSize(dir + "/" + $0) } == [100, 100])
            #expect(try fileSize(dir + "/app.log") == 6)
            #expect(sink.statistics.rotations == 2)
        }
    }

    @Test func anOversizeRecordGoesAloneIntoAFileAndIsCounted() throws {
        try withTemporaryDirectory { dir in
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 100))
            sink.log(recordOfSize(150))  // empty file: never rotates, written whole
            #expect(try archiveNames(in: dir).isEmpty)
            sink.log(recordOfSize(10))  // rotates the oversize file away
            sink.log(recordOfSize(150))  // rotates the 10-byte file, goes alone
            sink.log(recordOfSize(10))
            sink.close()
            let sizes = try archiveNames(in: dir).map { try fileSize(dir + "/" + $0) }
            #expect(sizes == [150, 10, 150])
            #expect(try fileSize(dir + "/app.log") == 10)
            #expect(sink.statistics.oversizeRecords == 2)
            #expect(sink.statistics.recordsWritten == 4)
            #expect(sink.statistics.totalRecordsDropped == 0)
        }
    }

    @Test func restartContinuesTheFileAndRotatesAtTheSameByte() throws {
        try withTemporaryDirectory { dir in
            let first = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 100))
            for _ in 0..<3 { first.log(recordOfSize(30)) }
            first.close()
            let second = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 100))
            second.log(recordOfSize(10))  // 90 + 10 = 100: fits, as it would without the restart
            #expect(try archiveNames(in: dir).isEmpty)
            second.log(recordOfSize(6))  // 106 > 100
            second.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1)
            #expect(try fileSize(dir + "/" + archives[0]) == 100)
        }
    }

    @Test func aThousandRotationsInOneMillisecondMakeAThousandDistinctArchives() throws {
        try withTemporaryDirectory { dir in
            let clock = makeClock()
            let sink = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1 << 30), clock: clock)
            for i in 0..<1_000 {
                sink.log(record("r\(i)"))
                sink.rotate()
            }
            sink.close()
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 1_000)
            // Name order is chronological order: the i-th archive holds record i.
            for (i, name) in archives.enumerated() where i % 97 == 0 || i == 999 {
                #expect(try lines(of: dir + "/" + name) == ["info r\(i)"])
            }
            #expect(sink.statistics.rotations == 1_000)
        }
    }

    @Test func sinksSharingAPathRotateTogetherOncePerCrossing() throws {
        try withTemporaryDirectory { dir in
            let a = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1_000))
            let b = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1_000))
            DispatchQueue.concurrentPerform(iterations: 4) { t in
                let sink = t.isMultiple(of: 2) ? a : b
                for _ in 0..<250 { sink.log(recordOfSize(100, Character(String(t)))) }
            }
            a.close()
            b.close()
            // 1 000 records of 100 bytes, 10 per file: exactly 99 rotations, every file full.
            let archives = try archiveNames(in: dir)
            #expect(archives.count == 99)
            for name in archives { #expect(try fileSize(dir + "/" + name) == 1_000) }
            #expect(try fileSize(dir + "/app.log") == 1_000)
            #expect(a.statistics.rotations == 99)
        }
    }

    @Test func disagreeingStrategiesForOnePathThrow() throws {
        try withTemporaryDirectory { dir in
            let a = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 1_000))
            defer { a.close() }
            #expect {
                _ = try makeRotatingSink(dir, strategy: SizeRotation(maxBytes: 2_000))
            } throws: { ($0 as? SinkError)?.code == .conflictingConfiguration }
            #expect {
                _ = try FileSink(path: dir + "/app.log", formatter: PlainLineFormatter())
            } throws: { ($0 as? SinkError)?.code == .conflictingConfiguration }
        }
    }

    @Test func aCharacterDeviceCannotBeRotated() throws {
        #expect {
            _ = try RotatingFileSink(
                path: "/dev/null", formatter: PlainLineFormatter(),
                strategy: SizeRotation(maxBytes: 10))
        } throws: { ($0 as? SinkError)?.code == .unsupportedFileType }
    }

    @Test func aMaximumSizeUnderOneKibibyteIsReportedOnceAndUsed() throws {
        try withTemporaryDirectory { dir in
            let failures = FailureLog()
            let sink = try makeRotatingSink(
                dir, strategy: SizeRotation(maxBytes: 100),
                options: FileSinkConfiguration(failureHandler: failures.handler))
            for _ in 0..<3 { sink.log(recordOfSize(60)) }
            sink.close()
            #expect(failures.all.map(\.kind) == [.open, .open])
            #expect(failures.all.map(\.transition) == [.failing, .recovered])
            #expect("\(failures.all[0])".contains("likely a mistake"))
            #expect(try archiveNames(in: dir).count == 2)
        }
    }
}
