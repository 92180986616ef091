public import RotorCore
public import RotorRotation

/// Deletes a generation if **any** of its children would (the union of their deletions; log4j2's
/// `IfAny`).
///
/// Each child sees all the generations, not what another child kept. The result holds only IDs of
/// the input generations, whatever the children return.
///
/// ```swift
/// let policy = AnyOfRetention(try KeepCountRetention(30), try MaxAgeRetention(.seconds(7 * 86_400)))
/// ```
///
/// Two values are equal when they hold equal policies in the same order (compared with
/// ``RetentionPolicy/isEqual(to:)``).
public struct AnyOfRetention: RetentionPolicy, Hashable {
    /// The child policies, never empty.
    public let policies: [any RetentionPolicy]

    /// Creates a union of policies from a list.
    ///
    /// - Parameter policies: The children; at least one.
    /// - Throws: ``RetentionError`` with code `.invalidConfiguration` and field `"policies"` when
    ///   the list is empty.
    public init(_ policies: [any RetentionPolicy]) throws {
        guard !policies.isEmpty else {
            throw RetentionError(.invalidConfiguration, "AnyOfRetention needs at least one policy", field: "policies")
        }
        self.policies = policies
    }

    /// Creates a union of one or more policies.
    ///
    /// - Parameters:
    ///   - first: The first child.
    ///   - rest: Further children.
    public init(_ first: any RetentionPolicy, _ rest: any RetentionPolicy...) {
        self.policies = [first] + rest
    }

    /// The IDs that at least one child returns, restricted to the input generations.
    public func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        let known = Set(generations.map(\.id))
        var expired = Set<ArchiveID>()
        for policy in policies {
            expired.formUnion(policy.expired(generations, now: now).intersection(known))
        }
        return expired
    }

    /// Element-wise ``RetentionPolicy/isEqual(to:)`` of the two lists of children.
    public static func == (lhs: AnyOfRetention, rhs: AnyOfRetention) -> Bool {
        policiesAreEqual(lhs.policies, rhs.policies)
    }

    /// Hashes the number and the dynamic types of the children, which equal values share.
    public func hash(into hasher: inout Hasher) {
        hashPolicies(policies, into: &hasher)
    }
}
