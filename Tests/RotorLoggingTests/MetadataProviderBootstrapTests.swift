import Foundation
import Logging
import RotorCore
import RotorLogging
import RotorTestKit
import Testing

/// swift-log's global metadata provider, given to `LoggingSystem.bootstrap`, must reach Rotor's
/// records exactly as it reaches `StreamLogHandler`'s. Bootstrapping is once per process, so each
/// case runs in a child process (an exit test) and prints what both handlers wrote.
@Suite struct MetadataProviderBootstrapTests {
    @Test func aRotorFactoryInsideAMultiplexHandlerHonoursTheGlobalProvider() async throws {
        let result = try await #require(
            await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
                guard let sink = try? InMemorySink() else { exit(2) }
                let rotor = RotorLoggingSystem.makeFactory(sink: sink)
                LoggingSystem.bootstrap(
                    { label, provider in
                        MultiplexLogHandler([
                            StreamLogHandler.standardOutput(label: label, metadataProvider: provider), rotor(label),
                        ])
                    },
                    metadataProvider: Logger.MetadataProvider { ["request-id": "42", "tenant": "acme"] })
                let logger = Logger(label: "svc")
                logger.info("handled", metadata: ["path": "/items"])
                guard let record = sink.records.first else { exit(3) }
                let keys = record.metadata.keys.sorted().joined(separator: ",")
                print("ROTOR-KEYS \(keys)")
            })
        let output = String(decoding: result.standardOutputContent, as: UTF8.self)
        // StreamLogHandler's line carries the provider's keys and the call site's.
        let streamLine = try #require(output.split(separator: "\n").first { $0.contains("handled") })
        #expect(streamLine.contains("request-id=42") && streamLine.contains("tenant=acme") && streamLine.contains("path=/items"))
        #expect(output.contains("ROTOR-KEYS path,request-id,tenant"), "\(output)")
    }

    @Test func bootstrapInstallsTheProviderForEveryLogger() async throws {
        let result = try await #require(
            await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
                guard let sink = try? InMemorySink() else { exit(2) }
                RotorLoggingSystem.bootstrap(sink: sink, metadataProvider: Logger.MetadataProvider { ["trace": "t1"] })
                Logger(label: "a").info("one")
                Logger(label: "b").warning("two", metadata: ["trace": "call-site wins"])
                print("ROTOR " + sink.records.map { "\($0.metadata["trace"].map { "\($0)" } ?? "-")" }.joined(separator: "|"))
            })
        let output = String(decoding: result.standardOutputContent, as: UTF8.self)
        #expect(output.contains("ROTOR t1|call-site wins"), "\(output)")
    }
}
