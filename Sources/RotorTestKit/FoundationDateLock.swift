import Synchronization

private let foundationDateLock = Mutex<Void>(())

/// Runs `body` while no other thread is inside it: for tests that use Foundation's date and time
/// zone types (`ISO8601DateFormatter`, `TimeZone(identifier:)`) from parallel tests.
///
/// swift-corelibs-foundation's time-zone cache (`CFTimeZoneCreateWithName`, reached from
/// `ISO8601DateFormatter`) has crashed with a bad pointer when many test threads made formatters
/// at once (seen on Linux with Swift 6.3.1). Rotor's sinks never make such formatters; test
/// oracles that do go through this.
public func withFoundationDateLock<Result>(_ body: () throws -> Result) rethrows -> Result {
    try foundationDateLock.withLock { _ in try body() }
}
