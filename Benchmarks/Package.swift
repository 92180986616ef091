// swift-tools-version:6.2
import PackageDescription

// Rotor's benchmark, a package of its own (as swift-nio's and swift-log's are), so that building or
// testing Rotor never builds it. It depends on the package one folder up by path and uses only its
// public products. Build and run it from the repository root:
//
//   swift build -c release --package-path Benchmarks --product rotor-bench
//   Benchmarks/.build/release/rotor-bench --help
//
// `Benchmarks/compare.sh` and `Benchmarks/syslog_bench.sh` build it this way (see BENCHMARKS.md).
let package = Package(
    name: "RotorBenchmarks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rotor-bench", targets: ["rotor-bench"])
    ],
    dependencies: [
        // Named, so that the products below resolve whatever the clone's folder is called.
        .package(name: "Rotor", path: ".."),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // Counts heap allocations by interposing malloc & co.; linked only into rotor-bench.
        .target(name: "CRotorBenchSupport"),
        .executableTarget(
            name: "rotor-bench",
            dependencies: [
                "CRotorBenchSupport",
                .product(name: "RotorCore", package: "Rotor"),
                .product(name: "RotorFormatters", package: "Rotor"),
                .product(name: "RotorRotation", package: "Rotor"),
                .product(name: "RotorCompression", package: "Rotor"),
                .product(name: "RotorSinks", package: "Rotor"),
                .product(name: "RotorLogging", package: "Rotor"),
                .product(name: "RotorSyslog", package: "Rotor"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/RotorBench"
        ),
    ]
)

for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .swiftLanguageMode(.v6),
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"),
        ]
}
