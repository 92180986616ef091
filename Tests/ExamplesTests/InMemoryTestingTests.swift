@testable import InMemoryTestingExample
import Logging
import RotorCore
import RotorLogging
import RotorTestKit
import Testing

/// The pattern the InMemoryTesting example shows, as tests: capture what the code logged and
/// assert on it, without files and without bootstrapping swift-log.
@Suite struct InMemoryTestingTests {
    @Test func anAcceptedPaymentLogsOneInfoRecordWithItsOrder() throws {
        let sink = InMemorySink()
        let checkout = Checkout(logger: Logger(label: "t", factory: RotorLoggingSystem.makeFactory(sink: sink)))
        #expect(checkout.pay(orderID: 7, amount: 12))
        #expect(sink.records(at: .info).count == 1)
        #expect(sink.records(withMetadata: "order.id", value: "7").count == 1)
        #expect(sink.records(withMetadata: "amount", value: "12").count == 1)
        #expect(sink.records(atLeast: .warning).isEmpty)
    }

    @Test func aRefusedPaymentLogsAWarningWithTheReason() throws {
        let sink = InMemorySink()
        let checkout = Checkout(logger: Logger(label: "t", factory: RotorLoggingSystem.makeFactory(sink: sink)))
        #expect(!checkout.pay(orderID: 8, amount: 0))
        let warnings = sink.records(at: .warning)
        #expect(warnings.map(\.message) == ["payment refused"])
        #expect(warnings.first?.metadata["reason"]?.description == "non-positive amount")
    }
}
