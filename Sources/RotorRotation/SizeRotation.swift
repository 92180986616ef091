public import RotorCore

/// Rotates the active file before a record would make it larger than a size limit.
///
/// The rule is `file.bytes > 0 && file.bytes + incomingBytes > maxBytes`:
///
/// | Active file | Incoming record | Rotate first? | Why |
/// |---|---|---|---|
/// | empty (`bytes == 0`) | any size, even `> maxBytes` | no | an empty file is never rotated; an oversize record is written alone |
/// | `bytes + incoming <= maxBytes` | fits exactly or with room | no | files fill up to exactly `maxBytes` |
/// | `bytes > 0`, `bytes + incoming > maxBytes` | does not fit | yes | the record starts the next file |
/// | holds one oversize record (`bytes > maxBytes`) | any | yes | the oversize record stays alone in its file |
///
/// With `maxBytes` 100: 0 + 101 → no, 50 + 50 → no, 50 + 51 → yes, 99 + 1 → no, 100 + 1 → yes.
///
/// So every archive is at most `maxBytes` long, except one that holds a single record larger than
/// the limit (the sink counts it as oversize through ``maximumFileBytes``). A record never triggers
/// more than one rotation, and no rotation ever produces an empty archive.
///
/// Combine with a time strategy through ``AnyOfRotation``.
public struct SizeRotation: RotationStrategy, Hashable {
    /// The largest size, in bytes, that the active file may reach with more than one record.
    public let maxBytes: Int64

    /// Creates a size strategy.
    ///
    /// - Parameter maxBytes: The size limit in bytes; must be positive.
    /// - Throws: ``RotationError`` with code `.invalidSize` and field `"maxBytes"` when
    ///   `maxBytes <= 0`.
    public init(maxBytes: Int64) throws {
        guard maxBytes > 0 else {
            throw RotationError(.invalidSize, "maxBytes must be positive, got \(maxBytes)", field: "maxBytes")
        }
        self.maxBytes = maxBytes
    }

    /// `maxBytes`: the sink counts a record larger than this as oversize.
    public var maximumFileBytes: Int64? { maxBytes }

    /// `true` when the file is not empty and the record would take it past ``maxBytes``.
    ///
    /// Cheap and overflow-safe: a sum that overflows `Int64` counts as past the limit.
    public func shouldRotate(_ file: ActiveFileState, incomingBytes: Int, now: LogTimestamp) -> Bool {
        guard file.bytes > 0 else { return false }
        let (total, overflow) = file.bytes.addingReportingOverflow(Int64(incomingBytes))
        return overflow || total > maxBytes
    }
}
