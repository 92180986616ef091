/// Element-wise ``RetentionPolicy/isEqual(to:)`` of two lists of policies.
func policiesAreEqual(_ lhs: [any RetentionPolicy], _ rhs: [any RetentionPolicy]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for (left, right) in zip(lhs, rhs) where !left.isEqual(to: right) {
        return false
    }
    return true
}

/// Hashes the number and the dynamic types of `policies`, which lists equal under
/// ``policiesAreEqual(_:_:)`` share.
func hashPolicies(_ policies: [any RetentionPolicy], into hasher: inout Hasher) {
    hasher.combine(policies.count)
    for policy in policies {
        hasher.combine(ObjectIdentifier(type(of: policy)))
    }
}
