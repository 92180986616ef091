// Reusing Rotor's in-memory sink to check what code logged — the pattern a test suite uses
// (see Tests/ExamplesTests/InMemoryTestingTests.swift for the same checks as Swift Testing tests).
// Run with `swift run InMemoryTestingExample`.
import Logging
import RotorCore
import RotorFormatters
import RotorLogging
import RotorTestKit

let sink = InMemorySink(formatter: JSONFormatter(fields: []))
let logger = Logger(label: "shop.checkout", factory: RotorLoggingSystem.makeFactory(sink: sink))
let checkout = Checkout(logger: logger)

_ = checkout.pay(orderID: 1, amount: 25)
_ = checkout.pay(orderID: 2, amount: 0)

let accepted = sink.records(containing: "payment accepted")
let refused = sink.records(at: .warning)
print("captured \(sink.count) records: \(accepted.count) accepted, \(refused.count) refused")
print("refused order: \(refused.first?.metadata["order.id"]?.description ?? "-")")
print("as JSON lines:")
for line in sink.lines { print("  " + line) }
