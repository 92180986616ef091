/// One writer's stream of records: a run of `rotor-stress` and a thread within it. Sequence
/// numbers start at 0 in every stream.
struct StreamKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    var run: Int
    var thread: Int

    static func < (lhs: StreamKey, rhs: StreamKey) -> Bool { (lhs.run, lhs.thread) < (rhs.run, rhs.thread) }

    var description: String { "run \(run) thread \(thread)" }
}
