import Foundation

/// Floor division (rounds towards negative infinity), for instants before the epoch.
func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
    return (remainder != 0 && (remainder < 0) != (divisor < 0)) ? quotient - 1 : quotient
}

/// The UTC offsets of a time zone as a sequence of constant-offset segments, with the wall-clock
/// rules of ``TimeRotation`` on top. All values are whole seconds since the Unix epoch; a "wall"
/// value is an instant plus its UTC offset (local civil time counted as if it were UTC), so local
/// days are exactly 86 400 wall seconds long even when they are 23 or 25 real hours long.
///
/// Offsets come from `TimeZone.secondsFromGMT(for:)` and transitions from
/// `TimeZone.nextDaylightSavingTimeTransition(after:)` (which reports every offset change, not only
/// DST ones); transitions that leave the total offset unchanged are ignored.
struct ZoneTimeline {
    /// A maximal interval `[start, end)` of instants with one UTC offset.
    struct Segment {
        var start: Int64
        var end: Int64
        var offset: Int64
        /// The offset just before `start` when `start` is a transition; `nil` for the first segment.
        var previousOffset: Int64?
    }

    let zone: TimeZone

    func offset(at second: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second))))
    }

    /// The segments covering the instants `[from, to)`, in order.
    func segments(from: Int64, to: Int64) -> [Segment] {
        var result: [Segment] = []
        var start = from
        var current = offset(at: from)
        var previous: Int64?
        var cursor = from
        for _ in 0..<64 {
            guard let next = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(cursor)))
            else {
                break
            }
            let transition = Int64(next.timeIntervalSince1970.rounded(.up))
            guard transition < to else { break }
            guard transition > cursor else {
                cursor += 1
                continue
            }
            cursor = transition
            let newOffset = offset(at: transition)
            if newOffset != current {
                result.append(Segment(start: start, end: transition, offset: current, previousOffset: previous))
                start = transition
                previous = current
                current = newOffset
            }
        }
        result.append(Segment(start: start, end: to, offset: current, previousOffset: previous))
        return result
    }

    /// The earliest instant `>= lowerBound` that starts a local hour: one at which the wall clock
    /// reads `HH:00:00` (each occurrence of a repeated hour counts), or a transition at which the
    /// wall clock jumps forward over such a reading.
    func nextHourStart(atOrAfter lowerBound: Int64) -> Int64 {
        let window: Int64 = 6 * 3600
        var windowStart = lowerBound
        for _ in 0..<8 {
            var best: Int64?
            func consider(_ candidate: Int64) {
                if candidate >= lowerBound, best.map({ candidate < $0 }) ?? true { best = candidate }
            }
            for segment in segments(from: windowStart - 1, to: windowStart + window) {
                // A forward jump hides the wall readings [start + previous, start + offset): if one of
                // them is an HH:00:00, the hour starts when the gap ends.
                if let previous = segment.previousOffset, segment.offset > previous,
                    floorDivide(segment.start + segment.offset, 3600) > floorDivide(segment.start + previous - 1, 3600)
                {
                    consider(segment.start)
                }
                let first = max(segment.start, lowerBound)
                let wall = (floorDivide(first + segment.offset - 1, 3600) + 1) * 3600  // first HH:00:00 at or after
                let instant = wall - segment.offset
                if instant < segment.end { consider(instant) }
            }
            if let best { return best }
            windowStart += window
        }
        return lowerBound + 3600  // unreachable with real zone data
    }

    /// The instant at which the wall-clock time `wall` "happens": its first occurrence if the wall
    /// clock shows it at least once; inside a forward gap, the same wall-clock distance after the
    /// gap (that is, `wall` read with the offset in force before the gap).
    func instant(forWall wall: Int64) -> Int64 {
        let reach: Int64 = 18 * 3600  // real UTC offsets lie within ±15 h
        let segments = segments(from: wall - reach, to: wall + reach)
        var first: Int64?
        for segment in segments {
            let instant = wall - segment.offset
            if instant >= segment.start, instant < segment.end, first.map({ instant < $0 }) ?? true {
                first = instant
            }
        }
        if let first { return first }
        for segment in segments {
            if let previous = segment.previousOffset, previous < segment.offset,
                segment.start + previous <= wall, wall < segment.start + segment.offset
            {
                return wall - previous
            }
        }
        return wall - offset(at: wall)  // unreachable with real zone data
    }

    /// The earliest instant `>= lowerBound` at which the daily wall-clock time
    /// `secondsSinceMidnight` happens (see ``instant(forWall:)``).
    func nextDailyInstant(atOrAfter lowerBound: Int64, secondsSinceMidnight: Int64) -> Int64 {
        let today = floorDivide(lowerBound + offset(at: lowerBound), 86_400)
        var day = today - 1
        var best: Int64?
        while day <= today + 9 {
            let instant = instant(forWall: day * 86_400 + secondsSinceMidnight)
            if instant >= lowerBound, best.map({ instant < $0 }) ?? true { best = instant }
            if best != nil, day >= today + 1 { break }
            day += 1
        }
        return best ?? lowerBound + 86_400  // unreachable with real zone data
    }
}
