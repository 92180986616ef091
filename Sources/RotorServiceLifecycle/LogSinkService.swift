import Foundation
public import RotorCore
public import ServiceLifecycle

/// Runs a sink as a swift-service-lifecycle `Service`: it waits for graceful shutdown, then
/// closes the sink, so a server's shutdown drains its logs (an ``AsyncSink``'s queue, a rotating
/// sink's background compression) before the process exits.
///
/// ```swift
/// let logs = try AsyncSink(wrapping: file)
/// let group = ServiceGroup(configuration: .init(
///     services: [.init(service: LogSinkService(logs)), .init(service: server)],
///     gracefulShutdownSignals: [.sigterm], logger: logger))
/// try await group.run()
/// ```
///
/// Put it first in the group's services: a `ServiceGroup` shuts services down in reverse order, so
/// the logs are closed last, after the services that write to them have stopped. If the task is
/// cancelled instead of shut down gracefully, the sink is closed too. Closing may block (up to the
/// sink's own timeout); it runs on a thread of its own, not on the cooperative pool.
public struct LogSinkService: Service {
    /// The sink closed at shutdown.
    public let sink: any LogSink

    /// Wraps `sink`.
    public init(_ sink: any LogSink) {
        self.sink = sink
    }

    /// Waits for graceful shutdown (or cancellation), then closes the sink.
    public func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            // Cancelled: close all the same.
        }
        let sink = self.sink
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                sink.close()
                continuation.resume()
            }
            thread.name = "rotor.shutdown"
            thread.start()
        }
    }
}
