public import RotorCore
public import RotorRotation

/// Deletes a generation only if **all** of its children would (the intersection of their
/// deletions; log4j2's `IfAll`).
///
/// Use it to make a rule conditional, for example "delete archives older than 7 days, but always
/// keep the newest 5":
///
/// ```swift
/// let policy = AllOfRetention(try MaxAgeRetention(.seconds(7 * 86_400)), try KeepCountRetention(5))
/// ```
///
/// Each child sees all the generations. Two values are equal when they hold equal policies in the
/// same order (compared with ``RetentionPolicy/isEqual(to:)``).
public struct AllOfRetention: RetentionPolicy, Hashable {
    /// The child policies, never empty.
    public let policies: [any RetentionPolicy]

    /// Creates an intersection of policies from a list.
    ///
    /// - Parameter policies: The children; at least one.
    /// - Throws: ``RetentionError`` with code `.invalidConfiguration` and field `"policies"` when
    ///   the list is empty.
    public init(_ policies: [any RetentionPolicy]) throws {
        guard !policies.isEmpty else {
            throw RetentionError(.invalidConfiguration, "AllOfRetention needs at least one policy", field: "policies")
        }
        self.policies = policies
    }

    /// Creates an intersection of one or more policies.
    ///
    /// - Parameters:
    ///   - first: The first child.
    ///   - rest: Further children.
    public init(_ first: any RetentionPolicy, _ rest: any RetentionPolicy...) {
        self.policies = [first] + rest
    }

    /// The IDs that every child returns, restricted to the input generations.
    public func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        var expired = Set(generations.map(\.id))
        for policy in policies where !expired.isEmpty {
            expired.formIntersection(policy.expired(generations, now: now))
        }
        return expired
    }

    /// Element-wise ``RetentionPolicy/isEqual(to:)`` of the two lists of children.
    public static func == (lhs: AllOfRetention, rhs: AllOfRetention) -> Bool {
        policiesAreEqual(lhs.policies, rhs.policies)
    }

    /// Hashes the number and the dynamic types of the children, which equal values share.
    public func hash(into hasher: inout Hasher) {
        hashPolicies(policies, into: &hasher)
    }
}
