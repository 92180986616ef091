public import RotorCore
public import RotorRotation

/// The usual retention configuration: a count, a total-size cap and a maximum age, applied in a
/// documented order.
///
/// ```swift
/// let rules = try RetentionRules(keep: 30, maxTotalBytes: 1 << 30, maxAge: .seconds(14 * 86_400))
/// ```
///
/// ### Precedence
///
/// The rules are applied one after the other, each to what the previous ones kept, and the result
/// is the union of their deletions:
///
/// 1. **Count** (``keep``): keep the newest `keep` generations (``KeepCountRetention``).
/// 2. **Total size** (``maxTotalBytes``): over what the count kept, delete the oldest until the
///    total is at most the cap, always keeping the newest survivor (``MaxTotalBytesRetention``).
/// 3. **Age** (``maxAge``): over what remains, delete the generations older than `now − maxAge`
///    (``MaxAgeRetention``).
///
/// Why this order: the count is the cheapest and the most predictable bound, so it is applied
/// first; the total size is then computed only over the archives that are actually going to stay,
/// so a generation the count already deletes never makes the cap delete another one; the age test
/// is per generation and comes last.
///
/// Each built-in rule deletes a run of *oldest* generations (IDs are ordered by rotation time, and
/// the size cap deletes oldest first), so what survives is the newest run that every rule keeps:
/// the shortest of the three. For these three rules the order therefore never changes the outcome,
/// which equals that of ``AnyOfRetention`` over the same three policies; the order is the
/// definition to reason with (for example, the size total is always a sum over archives that
/// stay):
///
/// | Generations (oldest → newest) | Rules | Kept | Decided by |
/// |---|---|---|---|
/// | 5 × 100 B | keep 3, max 250 B | newest 2 | the cap over the 3 kept by count (300 > 250) |
/// | 5 × 100 B | keep 2, max 1000 B | newest 2 | count |
/// | 5 × 100 B | keep 3, max 300 B | newest 3 | count; 300 ≤ 300 |
/// | 100, 100, 400 B | keep 3, max 250 B | newest only (400 B) | the cap keeps the newest even above it |
/// | 5 × 100 B, all 10 days old | keep 3, max 1000 B, age 7 days | none | age also removes the newest |
/// | any | keep 0 | none | count 0 keeps no archive; the cap has nothing left to protect |
///
/// The "always keep the newest" guarantee of the size cap only protects against the cap itself:
/// `keep: 0` or ``maxAge`` can still delete the newest generation. To keep some archives whatever
/// their age, use ``AllOfRetention`` with a ``KeepCountRetention``.
public struct RetentionRules: RetentionPolicy, Hashable {
    private let countRule: KeepCountRetention?
    private let totalBytesRule: MaxTotalBytesRetention?
    private let ageRule: MaxAgeRetention?

    /// How many of the newest generations to keep, if limited.
    public var keep: Int? { countRule?.count }

    /// The cap on the total size of the archives kept, in bytes, if any.
    public var maxTotalBytes: Int64? { totalBytesRule?.maxTotalBytes }

    /// The age beyond which archives are deleted, if any.
    public var maxAge: Duration? { ageRule?.maxAge }

    /// Creates rules; at least one must be given.
    ///
    /// - Parameters:
    ///   - keep: How many of the newest generations to keep, `0` or more (`0` keeps none).
    ///   - maxTotalBytes: The cap on the archives' total size in bytes, positive.
    ///   - maxAge: The real elapsed time after which an archive expires, at least one nanosecond.
    /// - Throws: ``RetentionError`` with code `.invalidConfiguration`: with field `"keep"`,
    ///   `"maxTotalBytes"` or `"maxAge"` when that value is out of range (checked in this order),
    ///   and with no field when all three are `nil`.
    public init(keep: Int? = nil, maxTotalBytes: Int64? = nil, maxAge: Duration? = nil) throws {
        guard keep != nil || maxTotalBytes != nil || maxAge != nil else {
            throw RetentionError(
                .invalidConfiguration, "RetentionRules needs at least one of keep, maxTotalBytes and maxAge")
        }
        self.countRule = try keep.map { try KeepCountRetention(validating: $0, field: "keep") }
        self.totalBytesRule = try maxTotalBytes.map {
            try MaxTotalBytesRetention(validating: $0, field: "maxTotalBytes")
        }
        self.ageRule = try maxAge.map { try MaxAgeRetention(validating: $0, field: "maxAge") }
    }

    /// Applies the count, then the size cap, then the age, each to what the previous kept; returns
    /// the union of their deletions.
    public func expired(_ generations: [ArchiveGeneration], now: LogTimestamp) -> Set<ArchiveID> {
        var remaining = generations.oldestFirst()
        var expired = Set<ArchiveID>()
        let rules: [(any RetentionPolicy)?] = [countRule, totalBytesRule, ageRule]
        for case let rule? in rules where !remaining.isEmpty {
            let deleted = rule.expired(remaining, now: now)
            guard !deleted.isEmpty else { continue }
            expired.formUnion(deleted)
            remaining.removeAll { deleted.contains($0.id) }
        }
        return expired
    }
}
