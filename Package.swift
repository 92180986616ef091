// swift-tools-version:6.2
import PackageDescription

// The architecture, one target per concern (see README "Module map"):
//
//   RotorCore         record, clock, formatter/sink protocols, errors, run-time error reporting
//   RotorSystem       (package only) the file operations, relative to a directory descriptor,
//                     never following a symlink; cross-process locks; hidden file names
//   RotorFormatters   JSON lines and text pattern formatters
//   RotorRotation     rotation strategies ("when") and archive naming (pure, no I/O)
//   RotorRetention    retention policies ("what to delete", pure, no I/O)
//   RotorCompression  compressor protocol and gzip over the CZlib system library
//   RotorSinks        stream, plain file, rotating file, fan-out and level-routing sinks (all the I/O)
//   RotorLogging      the swift-log LogHandler bridge
//   RotorTestKit      in-memory sink and helpers for users' test suites
//   RotorSyslog       syslog sink (RFC 5424/3164 over a Unix socket, UDP, TCP); no file sink depends on it
//   Rotor             umbrella product re-exporting the public modules
//
// The benchmark (`rotor-bench` and its malloc counter) is a separate package in Benchmarks/, as in
// swift-nio and swift-log, so that building or testing this package never builds it.
let package = Package(
    name: "Rotor",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Rotor", targets: ["Rotor"]),
        .library(name: "RotorCore", targets: ["RotorCore"]),
        .library(name: "RotorFormatters", targets: ["RotorFormatters"]),
        .library(name: "RotorRotation", targets: ["RotorRotation"]),
        .library(name: "RotorRetention", targets: ["RotorRetention"]),
        .library(name: "RotorCompression", targets: ["RotorCompression"]),
        .library(name: "RotorSinks", targets: ["RotorSinks"]),
        .library(name: "RotorLogging", targets: ["RotorLogging"]),
        .library(name: "RotorMetrics", targets: ["RotorMetrics"]),
        .library(name: "RotorServiceLifecycle", targets: ["RotorServiceLifecycle"]),
        .library(name: "RotorTestKit", targets: ["RotorTestKit"]),
        .library(name: "RotorSyslog", targets: ["RotorSyslog"]),
        .executable(name: "rotor", targets: ["rotor"]),
        .plugin(name: "RotorPlugin", targets: ["RotorPlugin"]),
        .plugin(name: "RotorPrunePlugin", targets: ["RotorPrunePlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // `swift package generate-documentation` (CI builds the DocC catalogs with warnings as errors).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The C library (Glibc, Musl or Darwin), imported in one place.
        .target(name: "RotorLibc"),
        .target(
            name: "RotorCore",
            dependencies: ["RotorLibc", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "CRotorSystem"),
        .target(name: "RotorSystem", dependencies: ["RotorLibc", "RotorCore", "CRotorSystem"]),
        .target(name: "RotorFormatters", dependencies: ["RotorLibc", "RotorCore"]),
        .target(name: "RotorRotation", dependencies: ["RotorCore"]),
        .target(name: "RotorRetention", dependencies: ["RotorCore", "RotorRotation"]),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "RotorCompression", dependencies: ["RotorLibc", "RotorCore", "RotorSystem", "CZlib"]),
        .target(
            name: "RotorSinks",
            dependencies: [
                "RotorLibc", "RotorCore", "RotorSystem", "RotorFormatters", "RotorRotation", "RotorRetention",
                "RotorCompression",
            ]
        ),
        .target(
            name: "RotorLogging",
            dependencies: [
                "RotorCore", "RotorFormatters", "RotorRotation", "RotorRetention", "RotorCompression", "RotorSinks",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RotorMetrics",
            dependencies: ["RotorCore", .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .target(
            name: "RotorServiceLifecycle",
            dependencies: ["RotorCore", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        .target(
            name: "RotorTestKit",
            dependencies: ["RotorLibc", "RotorCore", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "CRotorSyslog"),
        .target(
            name: "RotorSyslog",
            dependencies: [
                "RotorLibc", "RotorCore", "RotorFormatters", "RotorSinks", "CRotorSyslog",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Rotor",
            dependencies: [
                "RotorCore", "RotorFormatters", "RotorRotation", "RotorRetention", "RotorCompression",
                "RotorSinks", "RotorLogging", "RotorMetrics",
            ]
        ),

        .executableTarget(
            name: "rotor",
            dependencies: [
                "RotorLibc", "RotorCore", "RotorSystem", "RotorRotation", "RotorRetention", "RotorCompression",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/RotorCLI"
        ),
        .plugin(
            name: "RotorPlugin",
            capability: .command(
                intent: .custom(
                    verb: "rotor", description: "Read, follow and check rotated Rotor logs (cat, tail, stats, verify).")
            ),
            dependencies: ["rotor"]
        ),
        .plugin(
            name: "RotorPrunePlugin",
            capability: .command(
                intent: .custom(
                    verb: "rotor-prune", description: "Delete old archives and gzip the rest (rotor prune)."),
                permissions: [.writeToPackageDirectory(reason: "`rotor prune` deletes and compresses archives.")]
            ),
            dependencies: ["rotor"]
        ),
        .executableTarget(
            name: "rotor-stress",
            dependencies: [
                "RotorLibc", "RotorCore", "RotorFormatters", "RotorRotation", "RotorRetention", "RotorCompression",
                "RotorSinks",
                "RotorSyslog",
            ],
            path: "Sources/RotorStress"
        ),
        .executableTarget(
            name: "PerLevelFilesExample",
            dependencies: ["Rotor", .product(name: "Logging", package: "swift-log")],
            path: "Examples/PerLevelFiles"
        ),

        .executableTarget(
            name: "CustomPoliciesExample",
            dependencies: ["Rotor", .product(name: "Logging", package: "swift-log")],
            path: "Examples/CustomPolicies"
        ),
        .executableTarget(
            name: "InMemoryTestingExample",
            dependencies: [
                "RotorCore", "RotorFormatters", "RotorLogging", "RotorTestKit",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/InMemoryTesting"
        ),
        .executableTarget(
            name: "GracefulShutdownExample",
            dependencies: [
                "Rotor", "RotorServiceLifecycle", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Examples/GracefulShutdown"
        ),
        .testTarget(
            name: "ExamplesTests",
            dependencies: [
                "CustomPoliciesExample", "InMemoryTestingExample", "Rotor", "RotorTestKit",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "RotorCoreTests", dependencies: ["RotorCore", "RotorTestKit"]),
        .testTarget(name: "RotorFormattersTests", dependencies: ["RotorFormatters", "RotorTestKit"]),
        .testTarget(name: "RotorRotationTests", dependencies: ["RotorRotation", "RotorTestKit"]),
        .testTarget(name: "RotorRetentionTests", dependencies: ["RotorRetention", "RotorTestKit"]),
        .testTarget(name: "RotorCompressionTests", dependencies: ["RotorCompression", "RotorSystem", "RotorTestKit"]),
        .testTarget(name: "RotorSinksTests", dependencies: ["RotorSinks", "RotorSystem", "RotorTestKit"]),
        .testTarget(
            name: "RotorLoggingTests",
            dependencies: [
                "RotorLogging", "RotorFormatters", "RotorSinks", "RotorTestKit",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "RotorTestKitTests", dependencies: ["RotorTestKit"]),
        .testTarget(
            name: "RotorMetricsTests",
            dependencies: [
                "RotorMetrics", "RotorSinks", "RotorTestKit",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "RotorServiceLifecycleTests",
            dependencies: [
                "RotorServiceLifecycle", "RotorSinks", "RotorTestKit",
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "RotorCLITests", dependencies: ["rotor", "RotorSinks", "RotorSystem", "RotorTestKit"]),
        .testTarget(
            name: "RotorSyslogTests",
            dependencies: [
                "RotorSyslog", "RotorSinks", "RotorFormatters", "RotorMetrics", "RotorTestKit", "rotor-stress",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "RotorStressTests",
            dependencies: ["rotor-stress", "RotorSinks", "RotorTestKit"]
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
