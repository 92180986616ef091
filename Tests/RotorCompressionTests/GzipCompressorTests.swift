import Foundation
import RotorCompression
import RotorCore
import RotorTestKit
import Testing

@Suite struct GzipCompressorTests {
    enum Input: String, CaseIterable, CustomTestStringConvertible {
        case empty, oneByte, randomBinary1MiB, text10MiB, longRuns4MiB

        var data: Data {
            switch self {
            case .empty: Data()
            case .oneByte: Data([0x41])
            case .randomBinary1MiB: Inputs.random(count: 1 << 20, seed: 1)
            case .text10MiB: Inputs.text(count: 10 << 20, seed: 2)
            case .longRuns4MiB: Inputs.runs(count: 4 << 20, seed: 3)
            }
        }

        var testDescription: String { rawValue }
    }

    @Test(arguments: Input.allCases)
    func roundTripsThroughTheGzipTool(_ input: Input) throws {
        try withTemporaryDirectory { dir in
            let original = input.data
            let source = dir + "/input"
            let destination = dir + "/input.gz"
            try writeFile(source, original)

            let outcome = try GzipCompressor().compress(from: source, to: destination)

            #expect(outcome.inputBytes == Int64(original.count))
            #expect(outcome.outputBytes == Int64(contents(destination)?.count ?? -1))
            #expect(contents(destination)?.prefix(3) == Data([0x1F, 0x8B, 0x08]))
            #expect(try gzipTestPasses([destination], in: dir))
            #expect(try gzipDecompressed(destination, in: dir) == original)
            #expect(contents(source) == original)
            #expect(GzipCompressor.isIntactForTests(destination))
        }
    }

    @Test(arguments: [0, 1, 9])
    func everyValidLevelRoundTrips(_ level: Int) throws {
        try withTemporaryDirectory { dir in
            var original = Inputs.text(count: 1 << 20, seed: 4)
            original.append(Inputs.random(count: 256 << 10, seed: 5))
            original.append(Inputs.runs(count: 1 << 20, seed: 6))
            let source = dir + "/input"
            try writeFile(source, original)
            let compressor = try GzipCompressor(level: level)
            #expect(compressor.level == level)

            let outcome = try compressor.compress(from: source, to: source + ".gz")

            #expect(try gzipTestPasses([source + ".gz"], in: dir))
            #expect(try gzipDecompressed(source + ".gz", in: dir) == original)
            if level == 0 {
                #expect(outcome.outputBytes > outcome.inputBytes)  // stored blocks: header + framing
            } else {
                #expect(outcome.outputBytes < outcome.inputBytes / 2)
            }
        }
    }

    @Test func higherLevelsCompressTextSmaller() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/input", Inputs.text(count: 2 << 20, seed: 7))
            let fast = try GzipCompressor(level: 1).compress(from: dir + "/input", to: dir + "/1.gz")
            let best = try GzipCompressor(level: 9).compress(from: dir + "/input", to: dir + "/9.gz")
            #expect(best.outputBytes < fast.outputBytes)
        }
    }

    @Test(arguments: [10, -1, 100, Int.min])
    func outOfRangeLevelsAreRejected(_ level: Int) {
        let error = #expect(throws: CompressionError.self) { try GzipCompressor(level: level) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.field == "level")
    }

    @Test func defaultLevelIsSixAndSuffixIsGz() throws {
        let compressor = GzipCompressor()
        #expect(compressor.level == 6)
        #expect(compressor.fileSuffix == ".gz")
    }

    @Test func equalityComparesTheConfiguration() throws {
        let six: any ArchiveCompressor = try GzipCompressor(level: 6)
        #expect(six.isEqual(to: GzipCompressor()))
        #expect(!six.isEqual(to: try GzipCompressor(level: 9)))
        #expect(!six.isEqual(to: FailingCompressor(mode: .throwForeignError)))
    }

    @Test func existingDestinationIsNotOverwritten() throws {
        try withTemporaryDirectory { dir in
            try writeFile(dir + "/input", Data("hello\n".utf8))
            try writeFile(dir + "/input.gz", Data("precious".utf8))
            let error = #expect(throws: CompressionError.self) {
                try GzipCompressor().compress(from: dir + "/input", to: dir + "/input.gz")
            }
            #expect(error?.code == .writeFailed)
            #expect(error?.cause as? SystemCallError == SystemCallError(rawValue: EEXIST))
            #expect(contents(dir + "/input.gz") == Data("precious".utf8))
        }
    }

    @Test func missingSourceIsReportedAndCreatesNothing() throws {
        try withTemporaryDirectory { dir in
            let error = #expect(throws: CompressionError.self) {
                try GzipCompressor().compress(from: dir + "/absent", to: dir + "/absent.gz")
            }
            #expect(error?.code == .sourceMissing)
            #expect(error?.path == dir + "/absent")
            let remaining = try entries(dir)
            #expect(remaining.isEmpty)
        }
    }

    @Test func directorySourceIsRejected() throws {
        try withTemporaryDirectory { dir in
            mkdir(dir + "/folder", 0o755)
            let error = #expect(throws: CompressionError.self) {
                try GzipCompressor().compress(from: dir + "/folder", to: dir + "/folder.gz")
            }
            #expect(error?.code == .sourceNotRegularFile)
            let remaining = try entries(dir)
            #expect(remaining == ["folder"])
        }
    }
}

extension GzipCompressor {
    /// `isIntact` with the default configuration, for brevity in expectations.
    static func isIntactForTests(_ path: String) -> Bool {
        GzipCompressor().isIntact(path)
    }
}
