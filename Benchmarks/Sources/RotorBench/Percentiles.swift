/// p50, p99 and maximum of a set of samples (nearest-rank percentiles).
struct Percentiles: Sendable {
    var p50: Double
    var p99: Double
    var max: Double

    /// - Parameter samples: Values in any order; `nil` when there are none.
    init?(_ samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        func rank(_ fraction: Double) -> Double {
            let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        p50 = rank(0.50)
        p99 = rank(0.99)
        max = sorted[sorted.count - 1]
    }
}
