// TestingWithRotor.md, "Capture logs in memory": the article's test, unchanged, run against the
// `Checkout` of Examples/InMemoryTesting.
@testable import InMemoryTestingExample
import Logging
import RotorLogging
import RotorTestKit
import Testing

@Test func checkoutLogsThePayment() throws {
    let sink = InMemorySink()
    let logger = Logger(label: "checkout", factory: RotorLoggingSystem.makeFactory(sink: sink))
    #expect(Checkout(logger: logger).pay(orderID: 7, amount: 12))
    #expect(sink.records(at: .info).count == 1)
    #expect(sink.records(containing: "payment accepted").count == 1)
    #expect(sink.records(withMetadata: "amount", value: "12").count == 1)
}
