public import RotorCore

/// A hybrid strategy that rotates as soon as any of its children would (log4j2's
/// `CompositeTriggeringPolicy`).
///
/// | Member | Combined value |
/// |---|---|
/// | ``shouldRotate(_:incomingBytes:now:)`` | `true` if any child answers `true` |
/// | ``deadline(forPeriodStartingAt:)`` | the earliest child deadline; `nil` if no child has one |
/// | ``maximumFileBytes`` | the smallest child limit; `nil` if no child has one |
/// | ``rotatesOnOpen`` | `true` if any child rotates on open |
///
/// Children are asked with the combined state, so a time child compares `now` with the combined
/// (earliest) cached deadline.
///
/// ```swift
/// let strategy = try AnyOfRotation([
///     SizeRotation(maxBytes: 50 << 20),
///     TimeRotation.daily(at: TimeOfDay(hour: 2), in: TimeZone(identifier: "Europe/Berlin")!),
/// ])
/// ```
///
/// Two values are equal when they hold equal strategies in the same order (compared with
/// ``RotationStrategy/isEqual(to:)``).
public struct AnyOfRotation: RotationStrategy, Hashable {
    /// The child strategies, never empty.
    public let strategies: [any RotationStrategy]

    /// Creates a hybrid strategy from a list of children.
    ///
    /// - Parameter strategies: The children; at least one.
    /// - Throws: ``RotationError`` with code `.emptyStrategyList` and field `"strategies"` when
    ///   the list is empty.
    public init(_ strategies: [any RotationStrategy]) throws {
        guard !strategies.isEmpty else {
            throw RotationError(.emptyStrategyList, "AnyOfRotation needs at least one strategy", field: "strategies")
        }
        self.strategies = strategies
    }

    /// Creates a hybrid strategy from one or more children.
    ///
    /// - Parameters:
    ///   - first: The first child.
    ///   - rest: Further children.
    public init(_ first: any RotationStrategy, _ rest: any RotationStrategy...) {
        self.strategies = [first] + rest
    }

    /// The earliest deadline of the children, or `nil` if none has one.
    public func deadline(forPeriodStartingAt start: LogTimestamp) -> LogTimestamp? {
        var earliest: LogTimestamp?
        for strategy in strategies {
            if let deadline = strategy.deadline(forPeriodStartingAt: start), earliest.map({ deadline < $0 }) ?? true {
                earliest = deadline
            }
        }
        return earliest
    }

    /// `true` if any child would rotate.
    public func shouldRotate(_ file: ActiveFileState, incomingBytes: Int, now: LogTimestamp) -> Bool {
        for strategy in strategies where strategy.shouldRotate(file, incomingBytes: incomingBytes, now: now) {
            return true
        }
        return false
    }

    /// The smallest size limit of the children, or `nil` if none has one.
    public var maximumFileBytes: Int64? {
        var smallest: Int64?
        for strategy in strategies {
            if let limit = strategy.maximumFileBytes, smallest.map({ limit < $0 }) ?? true {
                smallest = limit
            }
        }
        return smallest
    }

    /// `true` if any child rotates a non-empty file on open.
    public var rotatesOnOpen: Bool { strategies.contains { $0.rotatesOnOpen } }

    /// Element-wise ``RotationStrategy/isEqual(to:)`` of the two lists of children.
    public static func == (lhs: AnyOfRotation, rhs: AnyOfRotation) -> Bool {
        guard lhs.strategies.count == rhs.strategies.count else { return false }
        for (left, right) in zip(lhs.strategies, rhs.strategies) where !left.isEqual(to: right) {
            return false
        }
        return true
    }

    /// Hashes the number and the dynamic types of the children, which equal values share.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(strategies.count)
        for strategy in strategies {
            hasher.combine(ObjectIdentifier(type(of: strategy)))
        }
    }
}
