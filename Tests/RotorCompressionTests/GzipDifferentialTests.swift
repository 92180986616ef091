import Foundation
import RotorCompression
import RotorTestKit
import Testing

/// R6.6: random inputs compressed by `GzipCompressor` decompress to the same bytes with other
/// implementations (Python's `gzip` module, the `gzip` tool), and `isIntact` accepts what Python
/// writes. Two external processes in all, whatever the number of inputs.
@Suite struct GzipDifferentialTests {
    static let inputCount = 200

    /// Input `index`: sizes 0–64 KiB (0 and 1 always included), mixed shapes.
    static func input(_ index: Int, using generator: inout SplitMix64) -> Data {
        let size =
            switch index {
            case 0: 0
            case 1: 1
            case 2: 64 << 10
            default: Int(generator.next() % UInt64((64 << 10) + 1))
            }
        let seed = generator.next()
        switch index % 4 {
        case 0: return Inputs.random(count: size, seed: seed)
        case 1: return Inputs.text(count: size, seed: seed)
        case 2: return Inputs.runs(count: size, seed: seed)
        default:
            // Random bytes from a small alphabet: matches of every length and distance.
            var mixed = Inputs.random(count: size, seed: seed)
            for i in mixed.indices { mixed[i] = mixed[i] % 4 + 0x61 }
            return mixed
        }
    }

    @Test func randomInputsRoundTripThroughPythonAndGzip() throws {
        try withTemporaryDirectory { dir in
            var generator = SplitMix64(seed: 0x5EED)
            var compressed: [String] = []
            for index in 0..<Self.inputCount {
                let data = Self.input(index, using: &generator)
                let level = Int(generator.next() % 10)
                let path = dir + "/\(index).bin"
                try writeFile(path, data)
                _ = try GzipCompressor(level: level).compress(from: path, to: path + ".gz")
                compressed.append(path + ".gz")
            }

            #expect(try gzipTestPasses(compressed, in: dir))

            // For each input: decompress ours with Python and compare; write Python's own gzip of
            // the input (random level, with a file name in the header) for isIntact below.
            let script = """
                import gzip, random, sys
                directory, count = sys.argv[1], int(sys.argv[2])
                rng = random.Random(6)
                bad = []
                for i in range(count):
                    original = open(f"{directory}/{i}.bin", "rb").read()
                    if gzip.decompress(open(f"{directory}/{i}.bin.gz", "rb").read()) != original:
                        bad.append(i)
                    with gzip.GzipFile(f"{directory}/{i}.py.gz", "wb", compresslevel=rng.randint(0, 9), mtime=0) as out:
                        out.write(original)
                print(f"mismatches: {bad}")
                """
            let result = try runTool("/usr/bin/env", ["python3", "-c", script, dir, "\(Self.inputCount)"], in: dir)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(String(decoding: result.standardOutput, as: UTF8.self) == "mismatches: []\n")

            let gzip = GzipCompressor()
            var rejected: [Int] = []
            for index in 0..<Self.inputCount {
                let path = dir + "/\(index)"
                if !gzip.isIntact(path + ".py.gz", matching: path + ".bin")
                    || !gzip.isIntact(path + ".bin.gz", matching: path + ".bin")
                {
                    rejected.append(index)
                }
            }
            #expect(rejected.isEmpty)
        }
    }
}
