import Logging

/// The code under test: it logs what it does through an injected `Logger`.
struct Checkout {
    let logger: Logger

    func pay(orderID: Int, amount: Int) -> Bool {
        var logger = logger
        logger[metadataKey: "order.id"] = "\(orderID)"
        guard amount > 0 else {
            logger.warning("payment refused", metadata: ["reason": "non-positive amount"])
            return false
        }
        logger.info("payment accepted", metadata: ["amount": "\(amount)"])
        return true
    }
}
