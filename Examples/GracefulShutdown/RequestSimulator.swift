import Logging
import ServiceLifecycle

/// Stands in for a server: handles "requests" and logs each one until graceful shutdown.
struct RequestSimulator: Service {
    let logger: Logger

    func run() async throws {
        var handled = 0
        // Ends on graceful shutdown (SIGTERM/SIGINT) or cancellation.
        for await _ in AsyncStream<Int>(unfolding: { try? await Task.sleep(for: .milliseconds(1)); return 0 })
            .cancelOnGracefulShutdown()
        {
            handled += 1
            logger.info("request handled", metadata: ["request.id": "\(handled)", "path": "/api/v1/items/\(handled % 50)"])
        }
        logger.notice("server stopped", metadata: ["handled": "\(handled)"])
    }
}
