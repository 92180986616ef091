extension Duration {
    /// The duration in whole nanoseconds, clamped to `0...Int.max` (negative durations give 0,
    /// durations too long for an `Int` give `Int.max`): what timers and sleeps take.
    package var clampedNanoseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (whole, overflow) = Int(clamping: seconds).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return .max }
        let (total, overflow2) = whole.addingReportingOverflow(Int(attoseconds / 1_000_000_000))
        return overflow2 ? .max : total
    }
}
