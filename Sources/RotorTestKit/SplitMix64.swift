/// A small, fast, seedable random number generator (SplitMix64), so that tests which draw random
/// inputs draw the same ones on every run and a failure can be replayed from its seed.
///
/// ```swift
/// var random = SplitMix64(seed: 42)
/// let size = Int.random(in: 0..<65_536, using: &random)
/// ```
package struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state; the next value is derived from it.
    package var state: UInt64

    /// Creates a generator whose sequence is determined by `seed`.
    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
