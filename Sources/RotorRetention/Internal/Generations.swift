import RotorRotation

extension Array where Element == ArchiveGeneration {
    /// The generations in ascending ID order (oldest first); already sorted input is returned
    /// as is. Built-in policies do not rely on the caller's order.
    func oldestFirst() -> [ArchiveGeneration] {
        var isSorted = true
        for index in indices.dropFirst() where self[index].id < self[index - 1].id {
            isSorted = false
            break
        }
        return isSorted ? self : sorted { $0.id < $1.id }
    }

    /// The IDs of the first `count` generations (clamped to `0...self.count`).
    func ids(ofFirst count: Int) -> Set<ArchiveID> {
        Set(prefix(Swift.max(count, 0)).map(\.id))
    }
}
